package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** The signal sender against a real RiskValidator server on loopback. */
class GrpcSignalSenderIT {
  private static final TradingSignal SIGNAL =
      TradingSignal.newBuilder()
          .setStrategyId("momentum")
          .setSymbol("BTC-USD")
          .setSide("BUY")
          .build();

  private final AtomicInteger calls = new AtomicInteger();

  /**
   * Calls the sender started, counted on the client: a call can expire before the server sees it.
   */
  private final AtomicInteger attempts = new AtomicInteger();

  private Server server;
  private ManagedChannel channel;

  /** Fails the first {@code failures} calls with UNAVAILABLE, then answers after {@code delay}. */
  private GrpcSignalSender start(int failures, long delayMillis, Duration deadline)
      throws Exception {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                new RiskValidatorGrpc.RiskValidatorImplBase() {
                  @Override
                  public void validateSignal(
                      TradingSignal request, StreamObserver<SignalValidationResponse> out) {
                    if (calls.incrementAndGet() <= failures) {
                      out.onError(Status.UNAVAILABLE.withDescription("injected").asException());
                      return;
                    }
                    try {
                      Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    out.onNext(SignalValidationResponse.newBuilder().setApproved(true).build());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    channel =
        Grpc.newChannelBuilder("127.0.0.1:" + server.getPort(), InsecureChannelCredentials.create())
            .build();
    awaitReady(channel);
    io.grpc.Channel counted =
        io.grpc.ClientInterceptors.intercept(
            channel,
            new io.grpc.ClientInterceptor() {
              @Override
              public <Q, A> io.grpc.ClientCall<Q, A> interceptCall(
                  io.grpc.MethodDescriptor<Q, A> method,
                  io.grpc.CallOptions options,
                  io.grpc.Channel next) {
                attempts.incrementAndGet();
                return next.newCall(method, options);
              }
            });
    return new GrpcSignalSender(RiskValidatorGrpc.newBlockingStub(counted), deadline, 3);
  }

  /** Connects before the test, so that a short deadline measures the call, not the handshake. */
  static void awaitReady(ManagedChannel channel) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (channel.getState(true) != io.grpc.ConnectivityState.READY) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("channel not READY within 5 s");
      }
      Thread.sleep(10);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void unavailableIsRetriedUntilTheRiskEngineAnswers() throws Exception {
    GrpcSignalSender sender = start(2, 0, Duration.ofSeconds(2));

    assertThat(sender.send(SIGNAL).getApproved()).isTrue();
    assertThat(calls).hasValue(3);
  }

  @Test
  void theAttemptBudgetIsBounded() throws Exception {
    GrpcSignalSender sender = start(100, 0, Duration.ofSeconds(2));

    assertThatThrownBy(() -> sender.send(SIGNAL))
        .isInstanceOf(SendException.class)
        .hasMessageContaining("UNAVAILABLE");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aDeadlineIsNotRetried() throws Exception {
    // a deadline well above a cold first call on a busy machine, a delay well above the deadline
    GrpcSignalSender sender = start(0, 3000, Duration.ofSeconds(1));

    assertThatThrownBy(() -> sender.send(SIGNAL))
        .isInstanceOf(SendException.class)
        .hasMessageContaining("DEADLINE_EXCEEDED");
    // Counted where the sender makes them: on a busy machine the one call may expire before the
    // server sees it, so the server's count (0 or 1) cannot tell a retry from none.
    assertThat(attempts).hasValue(1);
    assertThat(calls.get()).isLessThanOrEqualTo(1);
  }
}
