package oasis.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oasis.config.ProjectConfig;
import oasis.config.SmokeConfig;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.TargetStatus;
import oasis.security.ClientTls;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke's Kafka bounds: unchanged in plaintext; longer over SASL_SSL, where a cold command's first
 * connection pays the TLS handshake and SCRAM (a healthy secured broker's topic check went red at
 * load 21 within the plaintext bounds), and still a valid producer and consumer configuration.
 */
class SmokeKafkaBoundsTest {

  @TempDir Path pki;

  @Test
  void plaintextKeepsItsShortBounds() {
    SmokeContext ctx = context(Optional.empty());
    assertThat(ctx.kafkaCallTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(ctx.kafkaProperties("t"))
        .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)
        .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000)
        .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000)
        .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000);
  }

  @Test
  void aSecuredBrokerGetsTimeForTheHandshakeAndTheProbeStaysAValidClient() {
    SmokeContext ctx =
        context(Optional.of(ClientTls.inPki(pki).withKafkaLogin("oasis", "not-a-secret")));
    assertThat(ctx.kafkaCallTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(ctx.kafkaProperties("t"))
        .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000)
        .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 7500);
    // the producer refuses a delivery bound below its request bound
    assertThatCode(() -> new ProducerConfig(MarketDataProbe.producerProps(ctx)))
        .doesNotThrowAnyException();
    assertThatCode(() -> new ConsumerConfig(MarketDataProbe.consumerProps(ctx)))
        .doesNotThrowAnyException();
  }

  private static SmokeContext context(Optional<ClientTls> tls) {
    ProjectConfig project = new ProjectConfig("p", "staging", null, null, null, null, null);
    InstanceStatus kafka =
        new InstanceStatus(
            "kafka",
            "kafka",
            InstanceKind.KAFKA,
            "stable",
            "1",
            null,
            true,
            true,
            null,
            0,
            1L,
            Map.of("bootstrap", "127.0.0.1:1"));
    return new SmokeContext(
        "staging",
        project,
        new Plan("staging", "1.0.0", "abc", List.of(), List.of()),
        new TargetStatus(true, List.of(kafka), List.of()),
        SmokeSettings.of(SmokeConfig.defaults()),
        tls);
  }
}
