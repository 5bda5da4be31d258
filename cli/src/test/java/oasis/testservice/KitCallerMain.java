package oasis.testservice;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import oasis.service.ServiceMain;
import oasis.service.routing.WeightedChannel;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;

/**
 * A caller on the real service kit for the rollout ITs: sends {@code CALLER_RATE} calls a second to
 * the callee through a {@link WeightedChannel}, so the routes file splits them by track.
 */
public final class KitCallerMain {

  public static void main(String[] args) {
    ServiceMain.run(
        "caller",
        "CALLER",
        service -> {
          String address = service.config().string("CALLEE_GRPC_ADDR", "127.0.0.1:50052");
          int rate = service.config().integer("CALLER_RATE", 100, 1, 10_000);
          ManagedChannel channel =
              WeightedChannel.forComponent(service.config(), "callee", address);
          // Asynchronous at a fixed rate: a slow callee track must not slow the caller down.
          var stub = OrderExecutorGrpc.newStub(channel);
          var calls =
              service.metrics().counter("caller_calls_total", "Calls to the callee.", "outcome");
          Thread loop =
              new Thread(
                  () -> {
                    long pause = 1_000_000_000L / rate;
                    while (!Thread.currentThread().isInterrupted()) {
                      long start = System.nanoTime();
                      stub.withDeadlineAfter(2, TimeUnit.SECONDS)
                          .executeOrder(
                              OrderRequest.getDefaultInstance(),
                              new io.grpc.stub.StreamObserver<>() {
                                @Override
                                public void onNext(
                                    trading.contracts.OrderSubmissionResponse value) {}

                                @Override
                                public void onError(Throwable t) {
                                  calls
                                      .labelValues(io.grpc.Status.fromThrowable(t).getCode().name())
                                      .inc();
                                }

                                @Override
                                public void onCompleted() {
                                  calls.labelValues("OK").inc();
                                }
                              });
                      long left = pause - (System.nanoTime() - start);
                      if (left > 0) {
                        try {
                          TimeUnit.NANOSECONDS.sleep(left);
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                    }
                  },
                  "caller");
          loop.setDaemon(true);
          loop.start();
          service
              .onShutdown("caller loop", loop::interrupt)
              .onShutdown(
                  "channel", () -> channel.shutdown().awaitTermination(2, TimeUnit.SECONDS));
        });
  }
}
