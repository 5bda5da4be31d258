package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import oasis.marketdata.MarketDataEvent;
import oasis.service.marketdata.LastPrices;
import oasis.service.marketdata.MarketPriceListener;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The broker stops for a while under a simulated feed, then comes back: every raw trade is
 * normalized exactly once (counted by product and trade id) and no consumer loop has ended. The
 * outage lasts {@code OASIS_OUTAGE_SECONDS} (environment or system property; 20 s by default so CI
 * stays quick; run it with 120 for the two minutes of the acceptance).
 */
class BrokerOutageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "market-data.trades.coinbase";
  private static final String NORMALIZED = "market-data.trades.normalized";

  @Test
  void aBrokerAwayForMinutesLosesNoTradeAndDuplicatesNone() throws Exception {
    Duration outage = outage();
    try (KafkaBrokerProcess kafka =
            KafkaBrokerProcess.builder()
                .topic(RAW, 3)
                .topic(NORMALIZED, 3)
                .topic("market-data.trades.deadletter", 1)
                .start();
        ServiceProcess connector =
            ServiceProcess.builder("oasis.connector.CoinbaseConnectorMain", "CONNECTOR")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .env("COINBASE_WS_URL", "sim://coinbase?rate=50")
                .start();
        ServiceProcess normalizer =
            ServiceProcess.builder("oasis.normalizer.DataNormalizerMain", "NORMALIZER")
                .env("KAFKA_BROKERS", kafka.bootstrapServers())
                .start()) {
      LastPrices prices = new LastPrices();
      MarketPriceListener listener =
          new MarketPriceListener(
              new KafkaConsumer<>(
                  consumerProps(kafka, "prices-" + UUID.randomUUID()),
                  new StringDeserializer(),
                  new ByteArrayDeserializer()),
              NORMALIZED,
              prices);
      Thread listening = new Thread(listener, "it-price-listener");
      listening.start();
      try {
        await(
            "trades normalized and priced before the outage",
            Duration.ofSeconds(60),
            () -> endOf(kafka, NORMALIZED) >= 100 && prices.last("BTC-USD").isPresent());
        long before = Long.parseLong(prices.last("BTC-USD").orElseThrow().tradeId());

        kafka.stop(Duration.ofSeconds(20));
        long back = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < back) {
          assertThat(connector.process().isAlive())
              .as("connector alive during the outage")
              .isTrue();
          assertThat(normalizer.process().isAlive())
              .as("normalizer alive during the outage")
              .isTrue();
          TimeUnit.MILLISECONDS.sleep(500);
        }
        kafka.restart();

        await(
            "the price listener reads trades made after the outage",
            Duration.ofSeconds(120),
            () ->
                prices
                    .last("BTC-USD")
                    .map(p -> Long.parseLong(p.tradeId()) > before + 50 * outage.toSeconds() / 2)
                    .orElse(false));
        assertThat(connector.stop(Duration.ofSeconds(15))).as("connector exit code").isZero();
        long raw = endOf(kafka, RAW);
        await(
            "every raw trade normalized",
            Duration.ofSeconds(120),
            () -> endOf(kafka, NORMALIZED) >= raw);

        List<String> rawIds = readAll(kafka, RAW, BrokerOutageIT::rawId);
        List<String> normalizedIds = readAll(kafka, NORMALIZED, BrokerOutageIT::normalizedId);
        System.out.printf(
            "outage %d s: %d raw trades, %d normalized events%n",
            outage.toSeconds(), rawIds.size(), normalizedIds.size());
        assertThat(rawIds).as("raw trades, each once").doesNotHaveDuplicates();
        assertThat(normalizedIds).as("normalized events, each once").doesNotHaveDuplicates();
        assertThat(normalizedIds).containsExactlyInAnyOrderElementsOf(rawIds);
        assertThat(rawIds.size()).as("trades flowed across the outage").isGreaterThan(200);
        assertThat(status(normalizer.metricsPort()))
            .as("normalizer loop alive: ready")
            .isEqualTo(200);
        assertThat(listening.isAlive()).as("price listener loop alive").isTrue();
        assertThat(normalizer.stop(Duration.ofSeconds(10))).as("normalizer exit code").isZero();
      } finally {
        listener.stop();
        listening.join(10_000);
      }
    }
  }

  private static Duration outage() {
    String text =
        System.getenv()
            .getOrDefault("OASIS_OUTAGE_SECONDS", System.getProperty("OASIS_OUTAGE_SECONDS", "20"));
    return Duration.ofSeconds(Long.parseLong(text.trim()));
  }

  private static String rawId(byte[] value) {
    try {
      JsonNode trade = JSON.readTree(value);
      return trade.get("product_id").asText() + "/" + trade.get("trade_id").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalizedId(byte[] value) {
    try {
      MarketDataEvent event = MarketDataEvent.parseFrom(value);
      return event.getHeader().getSymbol() + "/" + event.getTradeUpdate().getTradeId();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> readAll(
      KafkaBrokerProcess kafka, String topic, Function<byte[], String> id) {
    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerProps(kafka, "read-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("reading " + topic).isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          ids.add(id.apply(record.value()));
        }
      }
    }
    return ids;
  }

  private static long endOf(KafkaBrokerProcess kafka, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerProps(kafka, "end-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
          .mapToLong(Long::longValue)
          .sum();
    } catch (org.apache.kafka.common.KafkaException e) {
      return -1;
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private static Properties consumerProps(KafkaBrokerProcess kafka, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  private static int status(int metricsPort) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      status =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/readyz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      if (status != 200) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
    return status;
  }

  private static void await(String what, Duration bound, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
