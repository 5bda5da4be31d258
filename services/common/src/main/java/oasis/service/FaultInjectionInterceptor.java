package oasis.service;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delays and fails the calls of the services it wraps as {@link FaultInjection} says. The kit wraps
 * only the service's own RPCs: health, reflection and ops stay exempt.
 */
final class FaultInjectionInterceptor implements ServerInterceptor {
  private final FaultInjection faults;
  private final DoubleSupplier random;

  FaultInjectionInterceptor(FaultInjection faults) {
    this(faults, () -> ThreadLocalRandom.current().nextDouble());
  }

  FaultInjectionInterceptor(FaultInjection faults, DoubleSupplier random) {
    this.faults = faults;
    this.random = random;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (faults.latencyMillis() > 0 && !delay()) {
      call.close(
          Status.CANCELLED.withDescription("interrupted during injected latency"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (shouldFail()) {
      call.close(
          Status.UNAVAILABLE.withDescription(
              "injected fault (OASIS_FAULT_ERROR_RATE=" + faults.errorRate() + ")"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  /** Draws whether the next call fails. */
  boolean shouldFail() {
    return faults.errorRate() > 0 && random.getAsDouble() < faults.errorRate();
  }

  private boolean delay() {
    try {
      Thread.sleep(faults.latencyMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
