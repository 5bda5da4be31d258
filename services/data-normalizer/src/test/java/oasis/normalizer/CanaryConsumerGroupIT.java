package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.KafkaBrokerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Progressive delivery of a Kafka consumer needs nothing of its own: a canary instance run with the
 * same consumer group takes a share of the partitions beside stable, and each instance's metrics
 * say which track did the work.
 */
class CanaryConsumerGroupIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBrokerProcess.builder().topic("raw-split", 3).topic("norm-split", 3).start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void aCanaryInTheSameGroupTakesAShareOfThePartitionsAndNothingIsLost() throws Exception {
    ServiceRuntime stable = start("stable");
    ServiceRuntime canary = start("canary");
    try {
      Map<String, Integer> shares = awaitTwoMembersWithPartitions(Duration.ofSeconds(30));
      System.out.println("partitions per member of normalizer-split: " + shares);
      assertThat(shares).as("stable and canary both in the group").hasSize(2);
      assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
      int n = 300;
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < n; i++) {
          String symbol = "SYM" + i + "-USD";
          producer.send(
              new ProducerRecord<>(
                  "raw-split", i % 3, symbol, TradeNormalizerTest.match(symbol, "10", "1")));
        }
        producer.flush();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      double s = 0;
      double c = 0;
      while (System.nanoTime() < deadline) {
        s = processed(stable);
        c = processed(canary);
        if (s + c >= n) {
          break;
        }
        Thread.sleep(200);
      }
      System.out.printf("stable normalized %.0f, canary %.0f of %d%n", s, c, n);
      assertThat(s + c).as("every record normalized (at least once)").isGreaterThanOrEqualTo(n);
      assertThat(c).as("the canary took a share of the partitions").isPositive();
      assertThat(s).as("stable kept a share").isPositive();
    } finally {
      canary.shutdown();
      stable.shutdown();
    }
  }

  /** Member id to the number of partitions it is assigned, once two members have some. */
  private static Map<String, Integer> awaitTwoMembersWithPartitions(Duration wait)
      throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    Map<String, Integer> shares = new HashMap<>();
    try (Admin admin = Admin.create(p)) {
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        shares.clear();
        ConsumerGroupDescription group =
            admin
                .describeConsumerGroups(List.of("normalizer-split"))
                .all()
                .get()
                .get("normalizer-split");
        for (MemberDescription m : group.members()) {
          int n = m.assignment().topicPartitions().size();
          if (n > 0) {
            shares.put(m.consumerId(), n);
          }
        }
        if (shares.size() == 2) {
          return shares;
        }
        Thread.sleep(200);
      }
    }
    return shares;
  }

  private static ServiceRuntime start(String track) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("RAW_MARKET_TOPIC", "raw-split");
    env.put("NORMALIZED_MARKET_TOPIC", "norm-split");
    env.put("DEADLETTER_TOPIC", "norm-split");
    env.put("NORMALIZER_CONSUMER_GROUP", "normalizer-split");
    env.put("OASIS_TRACK", track);
    env.put("NORMALIZER_GRPC_PORT", "0");
    env.put("NORMALIZER_METRICS_PORT", "0");
    return DataNormalizer.start(ServiceConfig.of(env));
  }

  private static double processed(ServiceRuntime runtime) throws Exception {
    String track = runtime.identity().track();
    String body =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + runtime.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile(
                "normalizer_messages_processed_total\\{outcome=\"normalized\",track=\""
                    + track
                    + "\",[^}]*\\} ([0-9.Ee+]+)")
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
