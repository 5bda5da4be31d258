package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.marketdata.MarketDataEvent;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Broker, connector (simulated feed) and normalizer as three processes: raw → normalized. */
class MarketDataPipelineIT {

  @Test
  void simulatedTradesArriveNormalizedAndBothServicesStopCleanly() throws Exception {
    try (KafkaBrokerProcess kafka =
            KafkaBrokerProcess.builder()
                .topic("market-data.trades.coinbase", 3)
                .topic("market-data.trades.normalized", 3)
                .topic("market-data.trades.deadletter", 1)
                .start();
        ServiceProcess connector =
            ServiceProcess.builder("oasis.connector.CoinbaseConnectorMain", "CONNECTOR")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .env("COINBASE_WS_URL", "sim://coinbase?rate=100")
                .env("OASIS_VERSION", "1.2.0")
                .start();
        ServiceProcess normalizer =
            ServiceProcess.builder("oasis.normalizer.DataNormalizerMain", "NORMALIZER")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .env("OASIS_VERSION", "1.2.0")
                .env("OASIS_TRACK", "canary")
                .start()) {

      // Partitions are read in no set order: wait for enough of each product, not the first 200.
      List<MarketDataEvent> events = consume(kafka, 50);

      assertThat(events)
          .extracting(e -> e.getHeader().getSymbol())
          .containsOnly("BTC-USD", "ETH-USD");
      for (String symbol : List.of("BTC-USD", "ETH-USD")) {
        List<Long> ids =
            events.stream()
                .filter(e -> e.getHeader().getSymbol().equals(symbol))
                .map(e -> Long.parseLong(e.getTradeUpdate().getTradeId()))
                .toList();
        assertThat(ids).as(symbol + " events").hasSizeGreaterThanOrEqualTo(50);
        assertThat(ids)
            .as(symbol + ": each trade once, in trade_id order, none missing")
            .isEqualTo(
                java.util.stream.LongStream.rangeClosed(ids.get(0), ids.get(ids.size() - 1))
                    .boxed()
                    .toList());
      }
      assertThat(events)
          .allSatisfy(
              e -> assertThat(e.getTradeUpdate().getPrice()).matches("[0-9]+(\\.[0-9]{1,2})?"));
      assertThat(normalizer.metrics())
          .containsPattern(
              "normalizer_messages_processed_total\\{outcome=\"normalized\",track=\"canary\",version=\"1.2.0\"} [1-9]");
      assertThat(connector.metrics())
          .containsPattern(
              "connector_trades_published_total\\{product_id=\"BTC-USD\",[^}]*} [1-9]");

      assertThat(connector.stop(Duration.ofSeconds(10))).as("connector exit code").isZero();
      assertThat(normalizer.stop(Duration.ofSeconds(10))).as("normalizer exit code").isZero();
    }
  }

  /** Reads until each product has {@code perSymbol} events, for at most 60 s. */
  private static List<MarketDataEvent> consume(KafkaBrokerProcess kafka, int perSymbol)
      throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<MarketDataEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("market-data.trades.normalized"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && (count(events, "BTC-USD") < perSymbol || count(events, "ETH-USD") < perSymbol)) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          events.add(MarketDataEvent.parseFrom(record.value()));
        }
      }
    }
    return events;
  }

  private static long count(List<MarketDataEvent> events, String symbol) {
    return events.stream().filter(e -> e.getHeader().getSymbol().equals(symbol)).count();
  }
}
