package oasis.smoke;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import oasis.config.ProjectConfig;
import oasis.config.SmokeConfig;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.TargetStatus;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/**
 * A stand-in risk engine and order manager on loopback ports that record every call, for the
 * probe's decisions (what it sends in which mode). The real services are exercised by the *IT.
 */
final class FakeOrderPath implements AutoCloseable {

  final List<TradingSignal> signals = new CopyOnWriteArrayList<>();
  final List<String> orderCalls = new CopyOnWriteArrayList<>();
  volatile Function<TradingSignal, SignalValidationResponse> risk = FakeOrderPath::approveAndFill;
  volatile String riskMetrics = "# TYPE risk_dry_runs_total counter\nrisk_dry_runs_total 0\n";

  private final Server riskServer;
  private final Server ordersServer;
  private final HttpServer metrics;

  FakeOrderPath() throws IOException {
    riskServer =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                new RiskValidatorGrpc.RiskValidatorImplBase() {
                  @Override
                  public void validateSignal(
                      TradingSignal s, StreamObserver<SignalValidationResponse> out) {
                    signals.add(s);
                    out.onNext(risk.apply(s));
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    ordersServer =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                new OrderExecutorGrpc.OrderExecutorImplBase() {
                  @Override
                  public void executeOrder(
                      OrderRequest r, StreamObserver<OrderSubmissionResponse> out) {
                    orderCalls.add("ExecuteOrder " + r.getClientOrderId());
                    out.onNext(OrderSubmissionResponse.newBuilder().setStatus("FILLED").build());
                    out.onCompleted();
                  }

                  @Override
                  public void getOrderStatus(OrderStatusRequest r, StreamObserver<OrderState> out) {
                    orderCalls.add("GetOrderStatus " + r.getClientOrderId());
                    out.onNext(
                        OrderState.newBuilder()
                            .setStatus(OrderStatus.FILLED)
                            .setFilledQuantity("0.0001")
                            .setAveragePrice("50000")
                            .build());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    metrics.createContext(
        "/metrics",
        ex -> {
          byte[] body = riskMetrics.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    metrics.start();
  }

  static SignalValidationResponse approveAndFill(TradingSignal s) {
    OrderRequest order =
        OrderRequest.newBuilder()
            .setClientOrderId("c-" + s.getSide() + "-" + s.getSignalTimestamp().getNanos())
            .setSymbol(s.getSymbol())
            .setSide(s.getSide())
            .setQuantity(s.getMetadataOrDefault("quantity", "0.01"))
            .build();
    SignalValidationResponse.Builder b =
        SignalValidationResponse.newBuilder().setApproved(true).setOrderRequest(order);
    if (!"true".equals(s.getMetadataOrDefault(OrderProbe.DRY_RUN, ""))) {
      b.setSubmission(
          OrderSubmissionResponse.newBuilder()
              .setStatus("FILLED")
              .setClientOrderId(order.getClientOrderId()));
    }
    return b.build();
  }

  /** A context whose plan runs the order manager in {@code mode} (null: no order manager). */
  SmokeContext context(String mode) {
    Map<String, String> riskEnv = Map.of("OASIS_VERSION", "1.0.0");
    List<PlannedInstance> planned =
        new java.util.ArrayList<>(
            List.of(
                new PlannedInstance(
                    "risk-engine",
                    "risk-engine",
                    InstanceKind.SERVICE,
                    "stable",
                    "a",
                    "M",
                    riskEnv,
                    Map.of(),
                    List.of())));
    List<InstanceStatus> seen =
        new java.util.ArrayList<>(
            List.of(
                new InstanceStatus(
                    "risk-engine",
                    "risk-engine",
                    InstanceKind.SERVICE,
                    "stable",
                    "1.0.0",
                    "a",
                    true,
                    true,
                    null,
                    0,
                    1L,
                    Map.of(
                        "grpc", "127.0.0.1:" + riskServer.getPort(),
                        "metrics",
                            "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"))));
    if (mode != null) {
      planned.add(
          new PlannedInstance(
              "order-manager",
              "order-manager",
              InstanceKind.SERVICE,
              "stable",
              "b",
              "M",
              Map.of("OASIS_VERSION", "1.0.0", "ORDER_MANAGER_MODE", mode),
              Map.of(),
              List.of()));
      seen.add(
          new InstanceStatus(
              "order-manager",
              "order-manager",
              InstanceKind.SERVICE,
              "stable",
              "1.0.0",
              "b",
              true,
              true,
              null,
              0,
              2L,
              Map.of("grpc", "127.0.0.1:" + ordersServer.getPort())));
    }
    ProjectConfig project = new ProjectConfig("p", "staging", null, null, null, null, null);
    return new SmokeContext(
        "staging",
        project,
        new Plan("staging", "1.0.0", "abc", planned, List.of()),
        new TargetStatus(true, seen, List.of()),
        SmokeSettings.of(SmokeConfig.defaults()));
  }

  @Override
  public void close() {
    riskServer.shutdownNow();
    ordersServer.shutdownNow();
    metrics.stop(0);
  }
}
