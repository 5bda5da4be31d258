package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import oasis.orders.OrderManagerMain;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.JavaProcesses;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderState;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** The risk engine and the order manager as separate processes, prices from a real broker. */
class RiskEngineProcessIT {
  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBrokerProcess.builder().topic("normalized", 3).topic("reports", 3).start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
  }

  private static void publishTrade(String symbol, String price) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    MarketDataEvent event =
        MarketDataEvent.newBuilder()
            .setHeader(Header.newBuilder().setExchange("coinbase").setSymbol(symbol))
            .setTradeUpdate(
                TradeUpdate.newBuilder().setTradeId("t1").setPrice(price).setQuantity("1"))
            .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer
          .send(new ProducerRecord<>("normalized", symbol, event.toByteArray()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSignalIsFilledAcrossProcessesAtThePriceReadFromKafka() throws Exception {
    try (ServiceProcess orderManager =
            ServiceProcess.builder(OrderManagerMain.class.getName(), "ORDER_MANAGER")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .env("NORMALIZED_MARKET_TOPIC", "normalized")
                .env("EXECUTION_REPORTS_TOPIC", "reports")
                .start();
        ServiceProcess risk =
            ServiceProcess.builder(RiskEngineMain.class.getName(), "RISK")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .env("NORMALIZED_MARKET_TOPIC", "normalized")
                .env("ORDER_MANAGER_GRPC_ADDR", "127.0.0.1:" + orderManager.grpcPort())
                .env("RISK_ORDER_QUANTITIES", "ETH-USD=0.25")
                .start()) {
      publishTrade("ETH-USD", "3000.50");
      ManagedChannel toRisk = channel(risk.grpcPort());
      ManagedChannel toOrders = channel(orderManager.grpcPort());
      try {
        TradingSignal signal =
            TradingSignal.newBuilder()
                .setStrategyId("it")
                .setSymbol("ETH-USD")
                .setSide("SELL")
                .setConfidence(0.8)
                .build();
        SignalValidationResponse r = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
          r =
              RiskValidatorGrpc.newBlockingStub(toRisk)
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .validateSignal(signal);
          if (r.getApproved() && r.getSubmission().getStatus().equals("FILLED")) {
            break;
          }
          Thread.sleep(100);
        }

        assertThat(r.getApproved()).as(r.toString()).isTrue();
        assertThat(r.getOrderRequest().getQuantity()).isEqualTo("0.25");
        assertThat(r.getSubmission().getAveragePrice()).isEqualTo("3000.5");
        OrderState state =
            OrderExecutorGrpc.newBlockingStub(toOrders)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .getOrderStatus(
                    OrderStatusRequest.newBuilder()
                        .setOrderId(r.getSubmission().getOrderId())
                        .build());
        assertThat(state.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(risk.metrics())
            .contains("risk_validations_total{reason=\"\",result=\"approved\"")
            .contains("risk_validation_duration_seconds_count");
        assertThat(orderManager.metrics())
            .contains("order_manager_orders{status=\"FILLED\"")
            .contains("grpc_server_handling_seconds");
      } finally {
        toRisk.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        toOrders.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void injectedFaultsFailValidateSignalWithUnavailable() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("RISK_GRPC_PORT", "0");
    env.put("RISK_METRICS_PORT", "0");
    env.put("ORDER_MANAGER_GRPC_ADDR", "127.0.0.1:1");
    env.put("OASIS_FAULT_ERROR_RATE", "1");
    ServiceRuntime risk = RiskEngineService.start(ServiceConfig.of(env));
    ManagedChannel channel = channel(risk.grpcPort());
    try {
      assertThatThrownBy(
              () ->
                  RiskValidatorGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(5, TimeUnit.SECONDS)
                      .validateSignal(TradingSignal.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("UNAVAILABLE")
          .hasMessageContaining("injected fault");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      risk.shutdown();
    }
  }

  @Test
  void badValuesStopTheServicesAtStartWithOneLine() throws Exception {
    assertThat(exitWith(RiskEngineMain.class.getName(), "RISK_MAX_NOTIONAL", "abc"))
        .isEqualTo(
            "risk-engine: configuration error: RISK_MAX_NOTIONAL must be a positive decimal such"
                + " as 0.01, got 'abc'\n");
    assertThat(exitWith(OrderManagerMain.class.getName(), "ORDER_MANAGER_MODE", "live"))
        .isEqualTo(
            "order-manager: configuration error: ORDER_MANAGER_MODE must be paper or real, got"
                + " 'live'\n");
    assertThat(exitWith(OrderManagerMain.class.getName(), "ORDER_MANAGER_MODE", "real"))
        .startsWith("order-manager: configuration error: COINBASE_API_KEY is required");
  }

  /** Runs {@code main} with one bad variable; asserts exit code 2 and returns its stderr. */
  private static String exitWith(String main, String name, String value) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(JavaProcesses.javaBinary(), "-cp", JavaProcesses.testClasspath(), main);
    builder.environment().put(name, value);
    builder.environment().put("KAFKA_BROKERS", kafka.bootstrapServers());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s exits", main).isTrue();
    assertThat(process.exitValue())
        .as("exit code of %s with %s=%s", main, name, value)
        .isEqualTo(2);
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
