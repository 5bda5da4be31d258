package oasis.strategy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/**
 * Sends signals over gRPC with a deadline per attempt, retrying UNAVAILABLE a bounded number of
 * times with exponential backoff. A retried signal maps to the same client order id in the risk
 * engine, so a retry cannot double an order.
 */
public final class GrpcSignalSender implements SignalSender {
  private static final long BASE_BACKOFF_MILLIS = 50;

  private final RiskValidatorGrpc.RiskValidatorBlockingStub stub;
  private final Duration deadline;
  private final int attempts;

  /** Uses {@code stub}; {@code attempts} ≥ 1 counts the first try. */
  public GrpcSignalSender(
      RiskValidatorGrpc.RiskValidatorBlockingStub stub, Duration deadline, int attempts) {
    this.stub = stub;
    this.deadline = deadline;
    this.attempts = Math.max(1, attempts);
  }

  @Override
  public SignalValidationResponse send(TradingSignal signal) throws SendException {
    StatusRuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .validateSignal(signal);
      } catch (StatusRuntimeException e) {
        last = e;
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == attempts) {
          break;
        }
        try {
          Thread.sleep(BASE_BACKOFF_MILLIS << (attempt - 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new SendException("interrupted between retries", interrupted);
        }
      }
    }
    throw new SendException(
        "risk engine: " + last.getStatus().getCode() + " " + last.getStatus().getDescription(),
        last);
  }
}
