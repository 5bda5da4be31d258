package oasis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The embedded broker as its own process: topics, produce/consume, SIGTERM, restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerProcessIT {
  private static final String RAW = "market-data.trades.coinbase";
  private static final String CONTROL = "control.commands";
  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBrokerProcess.builder().topic(RAW, 3).topic(CONTROL, 1).start();
    System.out.println("broker ready in " + kafka.timeToReady().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  @Order(1)
  void createsTheTopicsWithTheirPartitionCounts() throws Exception {
    try (Admin admin = admin()) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(Set.of(RAW, CONTROL)).allTopicNames().get(10, TimeUnit.SECONDS);

      assertThat(topics.get(RAW).partitions()).hasSize(3);
      assertThat(topics.get(CONTROL).partitions()).hasSize(1);
    }
  }

  @Test
  @Order(2)
  void deliversWhatIsProducedToAConsumer() throws Exception {
    produce(RAW, 300, "a");

    List<ConsumerRecord<String, String>> records = consume(RAW, 300, "group-a");

    assertThat(records).hasSize(300);
    assertThat(records.stream().map(ConsumerRecord::partition).distinct())
        .as("keys spread over the partitions")
        .hasSize(3);
  }

  @Test
  @Order(3)
  void sigtermStopsTheBrokerCleanlyAndARestartKeepsTheData() throws Exception {
    produce(CONTROL, 5, "before-restart");
    KafkaReadiness readiness = new KafkaReadiness(new KafkaSettings(kafka.bootstrapServers()));
    assertThat(readiness.isReady()).as("the kit's Kafka readiness check, broker up").isTrue();
    long start = System.nanoTime();

    int exitCode = kafka.stop(Duration.ofSeconds(15));
    Duration stopTime = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("broker stopped in " + stopTime.toMillis() + " ms");

    assertThat(exitCode).isZero();
    assertThat(stopTime).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(readiness::isReady).as("readiness check, broker down").isNotNull();
    readiness.close();

    kafka.restart();
    System.out.println("broker restarted in " + kafka.timeToReady().toMillis() + " ms");
    List<ConsumerRecord<String, String>> records = consume(CONTROL, 5, "group-after-restart");
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .allMatch(v -> v.startsWith("before-restart"));
  }

  private static Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(p);
  }

  private static void produce(String topic, int count, String prefix) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, prefix + "-" + i));
      }
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, String>> consume(
      String topic, int count, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
