package oasis.risk;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;

/**
 * Submits orders over gRPC with a deadline per attempt, retrying UNAVAILABLE a bounded number of
 * times with exponential backoff. Retries are safe: the order manager is idempotent on
 * client_order_id.
 */
public final class GrpcOrderSubmitter implements OrderSubmitter {
  /** Pause before the second attempt; doubled before each further one. */
  public static final long BASE_BACKOFF_MILLIS = 50;

  private final OrderExecutorGrpc.OrderExecutorBlockingStub stub;
  private final Duration deadline;
  private final int attempts;

  /** Uses {@code stub}; {@code attempts} ≥ 1 counts the first try. */
  public GrpcOrderSubmitter(
      OrderExecutorGrpc.OrderExecutorBlockingStub stub, Duration deadline, int attempts) {
    this.stub = stub;
    this.deadline = deadline;
    this.attempts = Math.max(1, attempts);
  }

  /** The longest a submit can take: every attempt's deadline and the pauses between them. */
  public static Duration worstCase(Duration deadline, int attempts) {
    long backoff = 0;
    for (int attempt = 1; attempt < attempts; attempt++) {
      backoff += BASE_BACKOFF_MILLIS << (attempt - 1);
    }
    return deadline.multipliedBy(Math.max(1, attempts)).plusMillis(backoff);
  }

  @Override
  public OrderSubmissionResponse submit(OrderRequest request) throws SubmitException {
    StatusRuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .executeOrder(request);
      } catch (StatusRuntimeException e) {
        last = e;
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == attempts) {
          break;
        }
        sleep(BASE_BACKOFF_MILLIS << (attempt - 1));
      }
    }
    throw new SubmitException(
        "order manager: " + last.getStatus().getCode() + " " + last.getStatus().getDescription(),
        last);
  }

  private static void sleep(long millis) throws SubmitException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubmitException("interrupted between retries", e);
    }
  }
}
