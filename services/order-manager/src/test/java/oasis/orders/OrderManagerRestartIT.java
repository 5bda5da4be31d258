package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import trading.contracts.CancelOrderRequest;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.OrderType;
import trading.contracts.Side;

class OrderManagerRestartIT {

  private static OrderRequest request(
      String clientId, String symbol, OrderType type, String price) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientId)
        .setSymbol(symbol)
        .setSide(Side.BUY)
        .setOrderType(type)
        .setQuantity("0.01")
        .setPrice(price)
        .setStrategyId("restart-it")
        .build();
  }

  private static OrderExecutorGrpc.OrderExecutorBlockingStub stub(ManagedChannel channel) {
    return OrderExecutorGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  @Test
  void everyAcknowledgedOrderIsReportedWithItsStateAfterASigkillAndRestart() throws Exception {
    Path log = Files.createTempFile("order-manager", ".log");
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> env =
          Map.of(
              "ORDER_MANAGER_GRPC_PORT",
              Integer.toString(RedisServer.freePort()),
              "ORDER_MANAGER_METRICS_PORT",
              "0",
              "ORDER_MANAGER_USE_REDIS",
              "1",
              "REDIS_URL",
              redis.url(),
              "PAPER_SEED_PRICES",
              "BTC-USD=50000.25",
              "KAFKA_BROKERS",
              "127.0.0.1:" + RedisServer.freePort());
      Map<String, OrderSubmissionResponse> acknowledged = new ConcurrentHashMap<>();
      Map<String, String> expectedStatus = new ConcurrentHashMap<>();

      OrderManagerProcess first = OrderManagerProcess.start(env, log);
      ManagedChannel channel =
          Grpc.newChannelBuilder(
                  "127.0.0.1:" + first.grpcPort(), InsecureChannelCredentials.create())
              .build();
      try {
        // given: filled, resting, canceled and rejected orders, all acknowledged
        for (int i = 0; i < 20; i++) {
          OrderSubmissionResponse r =
              stub(channel).executeOrder(request("fill-" + i, "BTC-USD", OrderType.MARKET, ""));
          acknowledged.put(r.getClientOrderId(), r);
        }
        for (int i = 0; i < 5; i++) {
          OrderSubmissionResponse r =
              stub(channel).executeOrder(request("rest-" + i, "BTC-USD", OrderType.LIMIT, "40000"));
          acknowledged.put(r.getClientOrderId(), r);
        }
        OrderState canceled =
            stub(channel)
                .cancelOrder(
                    CancelOrderRequest.newBuilder()
                        .setClientOrderId("rest-0")
                        .setReason("it")
                        .build());
        expectedStatus.put("rest-0", canceled.getStatus().name());
        OrderSubmissionResponse rejected =
            stub(channel).executeOrder(request("no-price", "ETH-USD", OrderType.MARKET, ""));
        acknowledged.put(rejected.getClientOrderId(), rejected);

        // and: a load still running while the process is killed
        AtomicBoolean load = new AtomicBoolean(true);
        Thread loader =
            new Thread(
                () -> {
                  for (int i = 0; load.get(); i++) {
                    try {
                      OrderSubmissionResponse r =
                          stub(channel)
                              .executeOrder(request("load-" + i, "BTC-USD", OrderType.MARKET, ""));
                      acknowledged.put(r.getClientOrderId(), r);
                    } catch (StatusRuntimeException e) {
                      return; // the process is gone: this one was never acknowledged
                    }
                  }
                });
        loader.start();
        Thread.sleep(300);

        // when
        first.kill();
        load.set(false);
        loader.join(10_000);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      acknowledged.forEach((id, r) -> expectedStatus.putIfAbsent(id, r.getStatus()));
      assertThat(acknowledged.keySet())
          .as("orders acknowledged before the kill")
          .hasSizeGreaterThan(30);

      try (OrderManagerProcess second = OrderManagerProcess.start(env, log)) {
        ManagedChannel again =
            Grpc.newChannelBuilder(
                    "127.0.0.1:" + second.grpcPort(), InsecureChannelCredentials.create())
                .build();
        try {
          // then: every acknowledged order is known with the state it was acknowledged in
          for (Map.Entry<String, OrderSubmissionResponse> e : acknowledged.entrySet()) {
            OrderState state =
                stub(again)
                    .getOrderStatus(
                        OrderStatusRequest.newBuilder().setClientOrderId(e.getKey()).build());
            assertThat(state.getOrderId()).as(e.getKey()).isEqualTo(e.getValue().getOrderId());
            assertThat(state.getStatus().name())
                .as(e.getKey())
                .isEqualTo(expectedStatus.get(e.getKey()));
          }
          assertThat(expectedStatus.get("fill-3")).isEqualTo("FILLED");
          assertThat(expectedStatus.get("rest-1")).isEqualTo("ACCEPTED");
          assertThat(expectedStatus.get("rest-0")).isEqualTo("CANCELED");
          assertThat(expectedStatus.get("no-price")).isEqualTo("REJECTED");

          // and: a retried submit across the restart returns the same order
          OrderSubmissionResponse retry =
              stub(again).executeOrder(request("fill-7", "BTC-USD", OrderType.MARKET, ""));
          assertThat(retry.getOrderId()).isEqualTo(acknowledged.get("fill-7").getOrderId());
          assertThat(retry.getAveragePrice()).isEqualTo("50000.25");

          // and: the orders-by-status gauge is rebuilt from Redis
          String metrics =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + second.metricsPort() + "/metrics"))
                          .timeout(java.time.Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          assertThat(metrics).contains("order_manager_orders{status=\"CANCELED\"} 1.0");
        } finally {
          again.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }
}
