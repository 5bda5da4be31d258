package oasis.service;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ready while a gRPC peer answers its health service. Reachable is enough: a peer that is up but
 * not SERVING still takes calls, and waiting on its own readiness would chain the start-up of the
 * whole system.
 *
 * <p>Peers often start after the services that call them (a target starts everything at once). A
 * channel that failed to connect backs off for up to two minutes; a failed check resets that
 * backoff, so the check after the peer comes up connects at once.
 */
public final class PeerReadiness implements ReadinessCheck {
  private final ManagedChannel channel;
  private final HealthGrpc.HealthBlockingStub health;
  private final Duration deadline;

  /** A check of the peer behind {@code channel}, each call bounded by {@code deadline}. */
  public PeerReadiness(ManagedChannel channel, Duration deadline) {
    this.channel = channel;
    this.health = HealthGrpc.newBlockingStub(channel);
    this.deadline = deadline;
  }

  @Override
  public boolean isReady() {
    try {
      health
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      channel.resetConnectBackoff();
      throw e;
    }
  }
}
