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
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

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
    await(n + " calls", () -> o.calls.size() >= n);
  }

  /** Waits until {@code done}, failing after 10 s. */
  static void await(String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 10 s", what).isLessThan(deadline);
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
      // a read in flight when the traffic closed may still land: judge one snapshot
      List<String> calls = List.copyOf(o.calls);
      assertThat(calls.get(0)).startsWith("ExecuteOrder oasis-analysis-").endsWith("-buy");
      assertThat(calls.get(1)).startsWith("ExecuteOrder oasis-analysis-").endsWith("-sell");
      assertThat(calls.subList(2, calls.size()))
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

  /** A risk engine that approves dry runs without forwarding, unless told to forward. */
  static final class Risk extends RiskValidatorGrpc.RiskValidatorImplBase {
    final List<TradingSignal> signals = new CopyOnWriteArrayList<>();
    volatile boolean forwards;

    @Override
    public void validateSignal(TradingSignal s, StreamObserver<SignalValidationResponse> out) {
      signals.add(s);
      SignalValidationResponse.Builder r = SignalValidationResponse.newBuilder().setApproved(true);
      if (forwards) {
        r.setSubmission(
            OrderSubmissionResponse.newBuilder().setOrderId("venue-1").setStatus("FILLED"));
      }
      out.onNext(r.build());
      out.onCompleted();
    }
  }

  /** A /metrics endpoint that serves {@code body}. */
  String metrics(String body) throws Exception {
    com.sun.net.httpserver.HttpServer http =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/metrics",
        ex -> {
          byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    http.start();
    httpServers.add(http);
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/metrics";
  }

  final List<com.sun.net.httpserver.HttpServer> httpServers = new ArrayList<>();

  @AfterEach
  void stopHttp() {
    httpServers.forEach(h -> h.stop(0));
  }

  String serveRisk(Risk risk) throws Exception {
    Server s =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(risk)
            .build()
            .start();
    servers.add(s);
    return "127.0.0.1:" + s.getPort();
  }

  /** Endpoints of an order manager and a risk engine on two tracks. */
  static oasis.runtime.MetricsEndpoints endpoints(Map<String, String> grpc, Map<String, String> m) {
    return new oasis.runtime.MetricsEndpoints() {
      @Override
      public List<String> metrics(String component, String track) {
        String u = m.get(component + "/" + track);
        return u == null ? List.of() : List.of(u);
      }

      @Override
      public List<String> grpc(String component, String track) {
        String a = grpc.get(component + "/" + track);
        return a == null ? List.of() : List.of(a);
      }
    };
  }

  static void awaitSignals(Risk r, int n) throws InterruptedException {
    await(n + " signals", () -> r.signals.size() >= n);
  }

  @Test
  void whereRealMoneyTradesOnlyDryRunSignalsGoToTheRiskEngineAndNoOrderAnywhere() throws Exception {
    Orders ordersCanary = new Orders();
    Orders ordersStable = new Orders();
    Risk riskCanary = new Risk();
    Risk riskStable = new Risk();
    String advertised = metrics("# TYPE risk_dry_runs_total counter\nrisk_dry_runs_total 0\n");
    var endpoints =
        endpoints(
            Map.of(
                "order-manager/canary", serve(ordersCanary),
                "order-manager/stable", serve(ordersStable),
                "risk-engine/canary", serveRisk(riskCanary),
                "risk-engine/stable", serveRisk(riskStable)),
            Map.of("risk-engine/canary", advertised, "risk-engine/stable", advertised));
    List<String> said = new CopyOnWriteArrayList<>();
    try (AnalysisTraffic t =
        AnalysisTraffic.forRollout(
            endpoints,
            100,
            true,
            List.of("order-manager", "risk-engine"),
            "canary",
            "stable",
            said::add)) {
      assertThat(t).isNotNull();
      awaitSignals(riskCanary, 20);
      awaitSignals(riskStable, 20);
    }
    assertThat(ordersCanary.calls).as("no order where real money trades").isEmpty();
    assertThat(ordersStable.calls).isEmpty();
    assertThat(riskCanary.signals)
        .allSatisfy(
            sig -> {
              assertThat(sig.getMetadataOrThrow("oasis.dry_run")).isEqualTo("true");
              assertThat(sig.getStrategyId()).isEqualTo("oasis-analysis");
              assertThat(sig.getMode()).isEqualTo(TradingMode.PAPER);
            });
    assertThat(String.join("\n", said)).contains("dry-run signals", "never forwarded");
  }

  @Test
  void aRiskEngineThatDoesNotAdvertiseDryRunsGetsNoSignal() throws Exception {
    Risk riskCanary = new Risk();
    Risk riskStable = new Risk();
    String silent = metrics("# TYPE risk_signals_total counter\nrisk_signals_total 0\n");
    List<String> said = new CopyOnWriteArrayList<>();
    AnalysisTraffic t =
        AnalysisTraffic.forRollout(
            endpoints(
                Map.of(
                    "risk-engine/canary", serveRisk(riskCanary),
                    "risk-engine/stable", serveRisk(riskStable)),
                Map.of("risk-engine/canary", silent, "risk-engine/stable", silent)),
            100,
            true,
            List.of("risk-engine"),
            "canary",
            "stable",
            said::add);
    assertThat(t).isNull();
    assertThat(riskCanary.signals).isEmpty();
    assertThat(String.join("\n", said)).contains("does not advertise dry runs");
  }

  @Test
  void aDryRunThatComesBackForwardedStopsTheTrafficAndSaysSo() throws Exception {
    Risk riskCanary = new Risk();
    Risk riskStable = new Risk();
    riskCanary.forwards = true;
    String advertised = metrics("risk_dry_runs_total 0\n");
    List<String> said = new CopyOnWriteArrayList<>();
    try (AnalysisTraffic t =
        AnalysisTraffic.forRollout(
            endpoints(
                Map.of(
                    "risk-engine/canary", serveRisk(riskCanary),
                    "risk-engine/stable", serveRisk(riskStable)),
                Map.of("risk-engine/canary", advertised, "risk-engine/stable", advertised)),
            100,
            true,
            List.of("risk-engine"),
            "canary",
            "stable",
            said::add)) {
      await("the traffic stopped", () -> String.join("\n", said).contains("STOPPED"));
      // Calls sent before the stop may still land, as many as the machine's load holds in flight.
      // Once they have, the canary gets nothing while the stable track gets 20 more; were the
      // traffic still going to the canary, it would get about as many, so the first quiet round
      // cannot come by chance.
      int afterStop = -1;
      for (int round = 0; round < 20 && afterStop != riskCanary.signals.size(); round++) {
        afterStop = riskCanary.signals.size();
        awaitSignals(riskStable, riskStable.signals.size() + 20);
      }
      assertThat(riskCanary.signals.size())
          .as("no dry run reaches the canary after the traffic stopped")
          .isEqualTo(afterStop);
    }
    assertThat(String.join("\n", said)).contains("STOPPED", "FORWARDED", "venue-1");
  }
}
