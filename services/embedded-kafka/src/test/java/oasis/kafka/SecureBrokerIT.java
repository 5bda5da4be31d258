package oasis.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import oasis.service.ServiceConfig;
import oasis.service.kafka.KafkaSettings;
import oasis.service.security.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with SASL_SSL (SCRAM-SHA-512) and an SSL controller listener: a component's
 * user with the kit's settings gets in; a plaintext client, a wrong password and a client without a
 * certificate at the controller listener are refused.
 */
class SecureBrokerIT {

  private static final String TOPIC = "market-data.trades.normalized";

  @TempDir static Path dir;
  static EmbeddedKafkaBroker broker;
  static BrokerSettings settings;
  static long readyMillis;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates pki = TestCertificates.in(dir);
    pki.leaf("kafka");
    pki.leaf("client");
    Files.writeString(dir.resolve("admin.password"), "admin-pw-1\n");
    Files.writeString(dir.resolve("users.properties"), "order-manager=om-pw-2\noasis=oasis-pw-3\n");
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_PORT", String.valueOf(freePort()));
    env.put("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
    env.put("KAFKA_TOPICS", TOPIC + ":1");
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("OASIS_TLS_CA", pki.ca().toString());
    env.put("OASIS_TLS_CERT", dir.resolve("kafka.crt").toString());
    env.put("OASIS_TLS_KEY", dir.resolve("kafka.key").toString());
    env.put("KAFKA_SASL_USERNAME", "broker");
    env.put("KAFKA_SASL_PASSWORD_FILE", dir.resolve("admin.password").toString());
    env.put("KAFKA_SCRAM_USERS_FILE", dir.resolve("users.properties").toString());
    settings = BrokerSettings.from(ServiceConfig.of(env));
    long t0 = System.nanoTime();
    broker = new EmbeddedKafkaBroker(settings);
    broker.start();
    TopicCreator creator = new TopicCreator(settings.bootstrap(), settings.clientSecurity());
    creator.ensure(settings.topics(), Duration.ofSeconds(60));
    creator.upsertUsers(settings.security().orElseThrow().users(), Duration.ofSeconds(30));
    readyMillis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("secure broker ready in " + readyMillis + " ms");
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static KafkaSettings component(String user, String password) {
    return KafkaSettings.from(
        ServiceConfig.of(
            Map.of(
                "KAFKA_BROKERS",
                settings.bootstrap(),
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "KAFKA_SASL_USERNAME",
                user,
                "KAFKA_SASL_PASSWORD",
                password,
                "OASIS_TLS_CA",
                dir.resolve("ca.crt").toString())));
  }

  @Test
  void componentUserProducesAndConsumesOverSaslSsl() {
    KafkaSettings kafka = component("order-manager", "om-pw-2");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(kafka.producer("it"), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, "k", "hello")).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.consumer("it-group", "it"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records.iterator().next().value()).isEqualTo("hello");
    }
  }

  @Test
  void wrongPasswordIsRefusedFast() {
    Properties p = component("order-manager", "wrong").common();
    long t0 = System.nanoTime();
    try (Admin admin = Admin.create(p)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void plaintextClientIsRefused() {
    Properties p = new Properties();
    p.put("bootstrap.servers", settings.bootstrap());
    p.put("default.api.timeout.ms", 3000);
    p.put("request.timeout.ms", 2000);
    try (Admin admin = Admin.create(p)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
          .as("a plaintext client to a SASL_SSL listener never gets an answer")
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void controllerListenerRefusesPlaintextAndCertificateLessClients() {
    String controller = "127.0.0.1:" + settings.controllerPort();
    for (Map<String, Object> extra :
        List.<Map<String, Object>>of(
            Map.of(),
            Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", dir.resolve("ca.crt").toString()))) {
      Properties p = new Properties();
      p.put("bootstrap.controllers", controller);
      p.put("default.api.timeout.ms", 3000);
      p.put("request.timeout.ms", 2000);
      p.putAll(extra);
      try (Admin admin = Admin.create(p)) {
        assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
            .as("controller with %s", extra.keySet())
            .isInstanceOf(ExecutionException.class);
      }
    }
  }
}
