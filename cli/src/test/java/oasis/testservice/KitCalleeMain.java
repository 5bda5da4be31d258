package oasis.testservice;

import io.grpc.stub.StreamObserver;
import oasis.service.ServiceMain;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;

/**
 * A callee on the real service kit for the rollout ITs (an order manager in miniature): answers
 * {@code OrderExecutor/ExecuteOrder}, with the kit's metrics and fault injection.
 */
public final class KitCalleeMain {

  public static void main(String[] args) {
    ServiceMain.run(
        "callee",
        "CALLEE",
        service ->
            service.grpcService(
                new OrderExecutorGrpc.OrderExecutorImplBase() {
                  @Override
                  public void executeOrder(
                      OrderRequest request, StreamObserver<OrderSubmissionResponse> out) {
                    out.onNext(OrderSubmissionResponse.getDefaultInstance());
                    out.onCompleted();
                  }
                }));
  }
}
