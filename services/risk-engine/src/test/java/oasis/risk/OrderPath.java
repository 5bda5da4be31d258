package oasis.risk;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import oasis.orders.InMemoryOrderStore;
import oasis.orders.OrderExecutorService;
import oasis.orders.OrderMetrics;
import oasis.orders.OrderService;
import oasis.orders.PaperVenue;
import oasis.orders.Venues;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.marketdata.LastPrices;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.RiskValidatorGrpc;

/**
 * The order path on loopback gRPC, in one JVM: an order manager (in memory, paper fills) and a risk
 * engine that forwards to it over a real channel, each served by the service kit's runtime (its
 * gRPC server with metrics and fault-injection interceptors, health, ops). For ITs and the
 * benchmark.
 */
final class OrderPath implements AutoCloseable {
  private static final ServiceConfig LOOPBACK_ANY_PORT =
      ServiceConfig.of(
          Map.of(
              "ORDER_MANAGER_GRPC_PORT", "0",
              "ORDER_MANAGER_METRICS_PORT", "0",
              "RISK_GRPC_PORT", "0",
              "RISK_METRICS_PORT", "0"));

  final LastPrices orderManagerPrices = new LastPrices();
  final LastPrices riskPrices = new LastPrices();
  final InMemoryPositionBook book = new InMemoryPositionBook();
  private final ServiceRuntime orderManager;
  private final ServiceRuntime risk;
  private final ManagedChannel toOrderManager;
  private final ManagedChannel toRisk;

  OrderPath(RiskLimits limits, Duration deadline, int attempts, ServerInterceptor... omInterceptors)
      throws IOException {
    this(limits, deadline, attempts, Venues::paperOnly, omInterceptors);
  }

  /** With the order manager's venues made from its paper venue (a real one adds an exchange). */
  OrderPath(
      RiskLimits limits,
      Duration deadline,
      int attempts,
      Function<PaperVenue, Venues> venues,
      ServerInterceptor... omInterceptors)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    OrderService orders =
        new OrderService(
            new InMemoryOrderStore(),
            venues.apply(new PaperVenue(orderManagerPrices)),
            report -> {},
            new OrderMetrics(registry));
    orderManager =
        ServiceRuntime.builder("order-manager", "ORDER_MANAGER", LOOPBACK_ANY_PORT)
            .grpcService(
                ServerInterceptors.intercept(new OrderExecutorService(orders), omInterceptors))
            .start();
    toOrderManager = channel(orderManager.grpcPort());
    RiskEngine engine =
        new RiskEngine(
            limits,
            new OrderSizing(new BigDecimal("0.01"), Map.of()),
            riskPrices,
            book,
            new RateLimiter(limits.signalsPerSecond(), System::nanoTime),
            new GrpcOrderSubmitter(
                OrderExecutorGrpc.newBlockingStub(toOrderManager), deadline, attempts),
            new RiskMetrics(registry));
    risk =
        ServiceRuntime.builder("risk-engine", "RISK", LOOPBACK_ANY_PORT)
            .grpcService(new RiskValidatorService(engine))
            .start();
    toRisk = channel(risk.grpcPort());
  }

  /** A channel to a loopback port, connected (≤ 5 s) so that deadlines measure calls only. */
  static ManagedChannel channel(int port) {
    ManagedChannel channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (channel.getState(true) != io.grpc.ConnectivityState.READY) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("channel to 127.0.0.1:" + port + " not READY within 5 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while connecting", e);
      }
    }
    return channel;
  }

  /** Sets the last price on both sides, as the normalized topic would. */
  void price(String symbol, String price) {
    orderManagerPrices.update(symbol, new BigDecimal(price));
    riskPrices.update(symbol, new BigDecimal(price));
  }

  ManagedChannel riskChannel() {
    return toRisk;
  }

  ManagedChannel orderManagerChannel() {
    return toOrderManager;
  }

  RiskValidatorGrpc.RiskValidatorBlockingStub risk() {
    return RiskValidatorGrpc.newBlockingStub(toRisk);
  }

  OrderExecutorGrpc.OrderExecutorBlockingStub orderManager() {
    return OrderExecutorGrpc.newBlockingStub(toOrderManager);
  }

  @Override
  public void close() throws InterruptedException {
    toRisk.shutdownNow();
    toOrderManager.shutdownNow();
    risk.shutdown();
    orderManager.shutdown();
  }
}
