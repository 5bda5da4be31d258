package oasis.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;

/**
 * Analysis traffic against order managers on real gRPC over loopback that keep positions the way
 * the order manager does (idempotent on the client order id): labelled paper orders, a SELL for
 * every filled BUY, reads afterwards, and no position left even when calls fail.
 */
class AnalysisTrafficTest {

  /** An order manager that fills paper MARKET orders, once per client order id. */
  static final class Orders extends OrderExecutorGrpc.OrderExecutorImplBase {
    final Map<String, OrderRequest> filled = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> labels = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    @Override
    public void executeOrder(OrderRequest r, StreamObserver<OrderSubmissionResponse> out) {
      calls.add("ExecuteOrder " + r.getClientOrderId());
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        out.onError(Status.UNAVAILABLE.withDescription("injected").asException());
        return;
      }
      filled.putIfAbsent(r.getClientOrderId(), r);
      out.onNext(
          OrderSubmissionResponse.newBuilder()
              .setClientOrderId(r.getClientOrderId())
              .setStatus("FILLED")
              .build());
      out.onCompleted();
    }

    @Override
    public void getOrderStatus(OrderStatusRequest r, StreamObserver<OrderState> out) {
      calls.add("GetOrderStatus " + r.getClientOrderId());
      if (!filled.containsKey(r.getClientOrderId())) {
        out.onError(Status.NOT_FOUND.asException());
        return;
      }
      out.onNext(OrderState.getDefaultInstance());
      out.onCompleted();
    }

    /** Net quantity bought minus sold. */
    BigDecimal position() {
      BigDecimal p = BigDecimal.ZERO;
      for (OrderRequest o : filled.values()) {
        BigDecimal q = new BigDecimal(o.getQuantity());
        p = o.getSide().equalsIgnoreCase("BUY") ? p.add(q) : p.subtract(q);
      }
      return p;
    }
  }

  final List<Server> servers = new ArrayList<>();

  String serve(Orders orders) throws Exception {
    ServerInterceptor label =
        new ServerInterceptor() {
          @Override
          public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, R> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, R> next) {
            orders.labels.add(
                String.valueOf(
                    headers.get(
                        Metadata.Key.of(
                            AnalysisTraffic.HEADER, Metadata.ASCII_STRING_MARSHALLER))));
            return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
          }
        };
    Server s =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(orders, label))
            .build()
            .start();
    servers.add(s);
    return "127.0.0.1:" + s.getPort();
  }

  @AfterEach
  void stop() {
    servers.forEach(Server::shutdownNow);
  }

  static void awaitCalls(Orders o, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (o.calls.size() < n) {
      assertThat(System.nanoTime()).as("%d calls within 10 s", n).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void eachTrackGetsALabelledPaperBuyItsSellThenReadsAndNoPositionIsLeft() throws Exception {
    Orders canary = new Orders();
    Orders stable = new Orders();
    List<String> said = new CopyOnWriteArrayList<>();
    try (AnalysisTraffic t =
        AnalysisTraffic.start(
            List.of(
                new AnalysisTraffic.Endpoint("canary", serve(canary)),
                new AnalysisTraffic.Endpoint("stable", serve(stable))),
            100,
            "BTC-USD",
            "0.0001",
            said::add)) {
      awaitCalls(canary, 30);
      awaitCalls(stable, 30);
      assertThat(t.sent().get("canary").calls()).isGreaterThanOrEqualTo(30);
      assertThat(t.sent().get("canary").failed()).as("%s", t.sent()).isZero();
    }
    for (Orders o : List.of(canary, stable)) {
      assertThat(o.calls.get(0)).startsWith("ExecuteOrder oasis-analysis-").endsWith("-buy");
      assertThat(o.calls.get(1)).startsWith("ExecuteOrder oasis-analysis-").endsWith("-sell");
      assertThat(o.calls.subList(2, o.calls.size()))
          .as("then only reads")
          .allSatisfy(c -> assertThat(c).startsWith("GetOrderStatus oasis-analysis-"));
      assertThat(o.labels).as("every call labelled").containsOnly("analysis");
      assertThat(o.filled.values())
          .allSatisfy(
              r -> {
                assertThat(r.getStrategyId()).isEqualTo("oasis-analysis");
                assertThat(r.getMode().name()).isEqualTo("PAPER");
                assertThat(r.getQuantity()).isEqualTo("0.0001");
              });
      assertThat(o.position()).as("flat").isEqualByComparingTo(BigDecimal.ZERO);
    }
    assertThat(said).isEmpty();
  }

  @Test
  void failedOrderCallsAreRetriedWithTheSameIdSoNoSecondPositionOpensAndNoneIsLeft()
      throws Exception {
    Orders canary = new Orders();
    Orders stable = new Orders();
    canary.failNext.set(5);
    try (AnalysisTraffic t =
        AnalysisTraffic.start(
            List.of(
                new AnalysisTraffic.Endpoint("canary", serve(canary)),
                new AnalysisTraffic.Endpoint("stable", serve(stable))),
            100,
            "BTC-USD",
            "0.0001",
            s -> {})) {
      awaitCalls(canary, 20);
      assertThat(t.sent().get("canary").failed()).as("the failures count").isEqualTo(5);
    }
    assertThat(canary.filled).hasSize(2);
    assertThat(canary.position()).isEqualByComparingTo(BigDecimal.ZERO);
  }
}
