package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import oasis.marketdata.MarketDataEvent;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.KafkaBrokerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The normalizer in-process against a real broker process. */
class DataNormalizerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startKafka() {
    kafka =
        KafkaBrokerProcess.builder()
            .topic("raw-good", 3)
            .topic("norm-good", 3)
            .topic("dlq-good", 1)
            .topic("raw-bad", 3)
            .topic("norm-bad", 3)
            .topic("dlq-bad", 1)
            .start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void normalizesTradesAndCommitsSoARestartDoesNotRepeatThem() throws Exception {
    ServiceRuntime normalizer = start("good");
    produce("raw-good", List.of(TradeNormalizerTest.match("btc-usd", "60000.10000", "0.00100000")));

    List<ConsumerRecord<String, byte[]>> out = consume("norm-good", 1, Duration.ofSeconds(30));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).key()).isEqualTo("BTC-USD");
    MarketDataEvent event = MarketDataEvent.parseFrom(out.get(0).value());
    assertThat(event.getHeader().getSymbol()).isEqualTo("BTC-USD");
    assertThat(event.getTradeUpdate().getPrice()).isEqualTo("60000.1");
    assertThat(event.getTradeUpdate().getQuantity()).isEqualTo("0.001");
    assertThat(event.getHeader().getReceivedTimestamp().getSeconds()).isPositive();
    assertThat(normalizer.shutdown()).as("clean stop, offsets committed").isTrue();

    ServiceRuntime again = start("good");
    produce("raw-good", List.of(TradeNormalizerTest.match("eth-usd", "3000", "2")));
    List<ConsumerRecord<String, byte[]>> all = consume("norm-good", 3, Duration.ofSeconds(5));
    assertThat(again.shutdown()).isTrue();

    assertThat(all).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("BTC-USD", "ETH-USD");
  }

  @Test
  void tenThousandMalformedMessagesAllGoToTheDeadLetterTopicAndTheNormalizerKeepsRunning()
      throws Exception {
    ServiceRuntime normalizer = start("bad");
    List<String> malformed = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      malformed.add(
          switch (i % 5) {
            case 0 -> "{not json " + i;
            case 1 -> "{\"type\":\"heartbeat\",\"sequence\":" + i + "}";
            case 2 -> "{\"type\":\"match\",\"product_id\":\"BTC-USD\",\"sequence\":" + i + "}";
            case 3 -> TradeNormalizerTest.match("BTC-USD", "-" + i, "1");
            default -> TradeNormalizerTest.match("BTC-USD", "1", "many");
          });
    }
    long start = System.nanoTime();
    produce("raw-bad", malformed);

    List<ConsumerRecord<String, byte[]>> dead = consume("dlq-bad", 10_000, Duration.ofSeconds(90));
    System.out.println(
        "10,000 malformed messages dead-lettered in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms");

    assertThat(dead).hasSize(10_000);
    assertThat(dead)
        .allSatisfy(
            r -> assertThat(r.headers().lastHeader(NormalizerLoop.REASON_HEADER)).isNotNull());
    assertThat(
            new String(
                dead.get(0).headers().lastHeader(NormalizerLoop.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isNotBlank();

    produce("raw-bad", List.of(TradeNormalizerTest.match("sol-usd", "150.50", "3")));
    List<ConsumerRecord<String, byte[]>> normalized = consume("norm-bad", 2, Duration.ofSeconds(5));
    assertThat(normalized).as("only the one good trade, none of the malformed").hasSize(1);
    assertThat(normalized.get(0).key()).isEqualTo("SOL-USD");

    String metrics = get(normalizer, "/metrics").body();
    assertThat(metrics)
        .contains(
            "normalizer_messages_processed_total{outcome=\"deadletter\",track=\"stable\",version=\"0.0.0-dev\"} 10000.0")
        .contains(
            "normalizer_messages_processed_total{outcome=\"normalized\",track=\"stable\",version=\"0.0.0-dev\"} 1.0")
        .contains("normalizer_deadletter_total{reason=\"malformed_json\"")
        .contains("normalizer_processing_latency_seconds_count");
    assertThat(get(normalizer, "/readyz").statusCode()).isEqualTo(200);
    assertThat(normalizer.shutdown()).isTrue();
  }

  private static ServiceRuntime start(String suffix) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("RAW_MARKET_TOPIC", "raw-" + suffix);
    env.put("NORMALIZED_MARKET_TOPIC", "norm-" + suffix);
    env.put("DEADLETTER_TOPIC", "dlq-" + suffix);
    env.put("NORMALIZER_CONSUMER_GROUP", "normalizer-" + suffix);
    env.put("NORMALIZER_GRPC_PORT", "0");
    env.put("NORMALIZER_METRICS_PORT", "0");
    return DataNormalizer.start(ServiceConfig.of(env));
  }

  private static void produce(String topic, List<String> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      int i = 0;
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, "key-" + (i++ % 7), value));
      }
      producer.flush();
    }
  }

  /** Reads until {@code atMost} records arrived or {@code wait} passed. */
  private static List<ConsumerRecord<String, byte[]>> consume(
      String topic, int atMost, Duration wait) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + wait.toNanos();
      while (records.size() < atMost && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static HttpResponse<String> get(ServiceRuntime runtime, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.metricsPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
