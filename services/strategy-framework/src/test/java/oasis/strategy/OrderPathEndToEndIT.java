package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.RedisServerProcess;
import oasis.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderStatus;

/**
 * The five services as separate processes with a real broker and a real redis-server: simulated
 * trades → raw → normalized → signal → risk → order → paper fill, each step counted.
 */
class OrderPathEndToEndIT {
  private static final String VERSION = "9.9.9-e2e";

  /** The sum of every sample of {@code metric} in a Prometheus text body (0 when absent). */
  static double sum(String body, String metric, String labelFilter) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} ([0-9.eE+-]+)$")
            .matcher(body);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(labelFilter)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private static double metric(ServiceProcess service, String metric, String filter) {
    try {
      return sum(service.metrics(), metric, filter);
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void simulatedTradesAreFilledEndToEndAndEveryStepIsCounted() throws Exception {
    try (KafkaBrokerProcess kafka =
            KafkaBrokerProcess.builder()
                .topic("market-data.trades.coinbase", 3)
                .topic("market-data.trades.normalized", 3)
                .topic("market-data.trades.deadletter", 1)
                .topic("control.commands", 1)
                .topic("orders.execution-reports", 3)
                .start();
        RedisServerProcess redis = RedisServerProcess.start();
        ServiceProcess orders =
            service("oasis.orders.OrderManagerMain", "ORDER_MANAGER", kafka, redis)
                .env("ORDER_MANAGER_MODE", "paper")
                .start();
        ServiceProcess risk =
            service("oasis.risk.RiskEngineMain", "RISK", kafka, redis)
                .env("ORDER_MANAGER_GRPC_ADDR", "127.0.0.1:" + orders.grpcPort())
                .start();
        ServiceProcess strategy =
            service(StrategyFrameworkMain.class.getName(), "STRATEGY", kafka, redis)
                .env("RISK_ENGINE_GRPC_ADDR", "127.0.0.1:" + risk.grpcPort())
                .env("STRATEGY_PARAMETERS", "momentum.short_window=3,momentum.long_window=8")
                .start();
        ServiceProcess normalizer =
            service("oasis.normalizer.DataNormalizerMain", "NORMALIZER", kafka, redis).start();
        ServiceProcess connector =
            service("oasis.connector.CoinbaseConnectorMain", "CONNECTOR", kafka, redis)
                .env("COINBASE_WS_URL", "sim://coinbase?rate=50")
                .start()) {

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // Both ends of the path: the order manager counts its fill before the strategy has the
      // answer that counts its accepted signal, so waiting on the fill alone races the strategy.
      while ((metric(orders, "order_manager_orders", "status=\"FILLED\"") < 1
              || metric(strategy, "strategy_signal_validation_result_total", "status=\"accepted\"")
                  < 1)
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }

      assertThat(metric(connector, "connector_trades_published_total", "")).isPositive();
      assertThat(
              metric(normalizer, "normalizer_messages_processed_total", "outcome=\"normalized\""))
          .isPositive();
      assertThat(metric(strategy, "strategy_trades_processed_total", "version=\"" + VERSION))
          .isPositive();
      assertThat(metric(strategy, "strategy_signal_validation_result_total", "status=\"accepted\""))
          .isPositive();
      assertThat(metric(risk, "risk_validations_total", "result=\"approved\"")).isPositive();
      assertThat(metric(orders, "order_manager_orders", "status=\"FILLED\"")).isPositive();
      assertThat(metric(orders, "order_execution_latency_seconds_count", "")).isPositive();
      assertThat(filledReports(kafka))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.getAveragePrice()).matches("[0-9]+(\\.[0-9]+)?");
                assertThat(r.getStrategyId()).isEqualTo("momentum");
              });

      for (ServiceProcess service : List.of(connector, normalizer, strategy, risk, orders)) {
        assertThat(service.stop(Duration.ofSeconds(15))).as("exit code after SIGTERM").isZero();
      }
    }
  }

  private static ServiceProcess.Builder service(
      String main, String prefix, KafkaBrokerProcess kafka, RedisServerProcess redis) {
    return ServiceProcess.builder(main, prefix)
        .env("KAFKA_BROKERS", kafka.bootstrapServers())
        .env("REDIS_URL", redis.url())
        .env("RISK_USE_REDIS", "1")
        .env("OASIS_VERSION", VERSION)
        .readyTimeout(Duration.ofSeconds(90));
  }

  private static List<ExecutionReport> filledReports(KafkaBrokerProcess kafka) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reports");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ExecutionReport> filled = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("orders.execution-reports"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (filled.isEmpty() && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          ExecutionReport report = ExecutionReport.parseFrom(record.value());
          if (report.getStatus() == OrderStatus.FILLED) {
            filled.add(report);
          }
        }
      }
    }
    return filled;
  }
}
