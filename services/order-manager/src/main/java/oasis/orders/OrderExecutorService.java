package oasis.orders;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.NoSuchElementException;
import trading.contracts.CancelOrderRequest;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;

/**
 * The {@code OrderExecutor} gRPC service: maps calls onto {@link OrderService}, errors onto status
 * codes.
 */
public final class OrderExecutorService extends OrderExecutorGrpc.OrderExecutorImplBase {
  private final OrderService orders;

  /** Serves {@code orders}. */
  public OrderExecutorService(OrderService orders) {
    this.orders = orders;
  }

  @Override
  public void executeOrder(
      OrderRequest request, StreamObserver<OrderSubmissionResponse> responses) {
    try {
      Order order = orders.submit(request);
      responses.onNext(OrderCodec.toSubmission(order));
      responses.onCompleted();
    } catch (InvalidOrderException e) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException());
    } catch (ConflictingOrderException e) {
      responses.onError(Status.ALREADY_EXISTS.withDescription(e.getMessage()).asException());
    } catch (KillSwitchException e) {
      responses.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException());
    } catch (RuntimeException e) {
      responses.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asException());
    }
  }

  @Override
  public void getOrderStatus(OrderStatusRequest request, StreamObserver<OrderState> responses) {
    var order = orders.find(request.getOrderId(), request.getClientOrderId());
    if (order.isEmpty()) {
      responses.onError(Status.NOT_FOUND.withDescription("no such order").asException());
      return;
    }
    responses.onNext(OrderCodec.toState(order.get()));
    responses.onCompleted();
  }

  @Override
  public void cancelOrder(CancelOrderRequest request, StreamObserver<OrderState> responses) {
    try {
      Order order =
          orders.cancel(request.getOrderId(), request.getClientOrderId(), request.getReason());
      responses.onNext(OrderCodec.toState(order));
      responses.onCompleted();
    } catch (NoSuchElementException e) {
      responses.onError(Status.NOT_FOUND.withDescription("no such order").asException());
    } catch (IllegalTransitionException e) {
      responses.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException());
    } catch (VenueException e) {
      responses.onError(
          Status.UNAVAILABLE.withDescription("venue: " + e.getMessage()).asException());
    } catch (RuntimeException e) {
      responses.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asException());
    }
  }
}
