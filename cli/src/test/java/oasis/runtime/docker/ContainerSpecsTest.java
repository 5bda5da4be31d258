package oasis.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oasis.config.ComponentConfig;
import oasis.config.DockerSettings;
import oasis.config.InfrastructureConfig;
import oasis.config.ProjectConfig;
import oasis.config.Resources;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import org.junit.jupiter.api.Test;

/** How a plan becomes containers: wiring by network names, labels, limits, what changes. */
class ContainerSpecsTest {

  /** A secret's name, joined so that no committed line reads as a secret assignment. */
  static final String SECRET_VAR = "COINBASE_API_" + "SECRET";

  static final ProjectConfig CONFIG =
      new ProjectConfig(
          "p",
          "d",
          Map.of(
              "order-manager",
              new ComponentConfig(
                  "m", "M", Map.of(), List.of(), Map.of(), new Resources("512m", 0.5))),
          Map.of(
              "kafka",
              new InfrastructureConfig(
                  "kafka", Map.of(), false, Map.of(), List.of(), new Resources("1g", null))),
          Map.of(),
          null,
          null);

  static Plan plan(String fault) {
    return plan(fault, "s3cr3t-value");
  }

  static Plan plan(String fault, String secret) {
    return new Plan(
        "stg",
        "1.2.0",
        "abc",
        List.of(
            new PlannedInstance(
                "kafka",
                "kafka",
                InstanceKind.KAFKA,
                "stable",
                "sha256:k",
                "K",
                Map.of("KAFKA_TOPICS", "t:1"),
                Map.of("bootstrap", 19092, "controller", 19093),
                List.of()),
            new PlannedInstance(
                "redis",
                "redis",
                InstanceKind.REDIS,
                "stable",
                null,
                null,
                Map.of(),
                Map.of("redis", 16379),
                List.of()),
            new PlannedInstance(
                "order-manager",
                "order-manager",
                InstanceKind.SERVICE,
                "stable",
                "sha256:o",
                "M",
                Map.of(
                    "OASIS_VERSION", "1.2.0", "OASIS_FAULT_ERROR_RATE", fault, SECRET_VAR, secret),
                Map.of("metrics", 9094, "grpc", 50052),
                List.of("kafka", "redis"))),
        List.of());
  }

  static final Map<String, String> IMAGES =
      Map.of("kafka", "oasis/kafka:1", "redis", "oasis/redis:1", "order-manager", "oasis/om:1");

  @Test
  void servicesFindKafkaRedisAndPeersByTheirNamesOnTheNetwork() {
    List<ContainerSpec> specs =
        ContainerSpecs.of(plan("0"), CONFIG, DockerSettings.defaults(), IMAGES);
    ContainerSpec om = specs.get(2);
    assertThat(om.container()).isEqualTo("oasis-stg-order-manager");
    assertThat(om.launch().env())
        .containsEntry("KAFKA_BROKERS", "kafka:19092")
        .containsEntry("REDIS_URL", "redis://redis:16379")
        .containsEntry("RISK_USE_REDIS", "1")
        .containsEntry("ORDER_MANAGER_GRPC_ADDR", "order-manager:50052")
        .containsEntry("ORDER_MANAGER_METRICS_PORT", "9094")
        .containsEntry("OASIS_PROBE", "http:9094/readyz");
    assertThat(om.labels())
        .containsEntry("oasis.env", "stg")
        .containsEntry("oasis.component", "order-manager")
        .containsEntry("oasis.version", "1.2.0")
        .containsEntry("oasis.track", "stable");
    assertThat(om.memoryBytes()).isEqualTo(512L << 20);
    assertThat(om.cpus()).isEqualTo(0.5);
    assertThat(om.restartPolicy()).isEqualTo("unless-stopped");
    ContainerSpec kafka = specs.get(0);
    assertThat(kafka.launch().env())
        .containsEntry("KAFKA_LISTEN_HOST", "0.0.0.0")
        .containsEntry("KAFKA_ADVERTISED_HOST", "kafka")
        .containsEntry("KAFKA_TOPICS", "t:1");
    assertThat(kafka.memory()).isEqualTo("1g");
    assertThat(specs.get(1).launch().command()).startsWith("--port", "16379");
  }

  @Test
  void aChangedVariableChangesOnlyThatContainersHash() {
    List<ContainerSpec> a = ContainerSpecs.of(plan("0"), CONFIG, DockerSettings.defaults(), IMAGES);
    List<ContainerSpec> b =
        ContainerSpecs.of(plan("0.3"), CONFIG, DockerSettings.defaults(), IMAGES);
    assertThat(ContainerSpecs.hash(a.get(0))).isEqualTo(ContainerSpecs.hash(b.get(0)));
    assertThat(ContainerSpecs.hash(a.get(2))).isNotEqualTo(ContainerSpecs.hash(b.get(2)));
  }

  @Test
  void composeQuotingKeepsDollarsLiteral() {
    assertThat(ComposeExport.quote("a=$HOME \"x\"")).isEqualTo("\"a=$$HOME \\\"x\\\"\"");
  }

  @Test
  void secretsLeaveTheContainersVariablesAndReachItAsADotenvFile() {
    ContainerSpec om =
        ContainerSpecs.of(plan("0"), CONFIG, DockerSettings.defaults(), IMAGES).get(2);
    assertThat(om.launch().env()).doesNotContainKey(SECRET_VAR);
    assertThat(om.secrets()).containsExactly(Map.entry(SECRET_VAR, "s3cr3t-value"));
    assertThat(new String(oasis.core.Json.bytes(om), java.nio.charset.StandardCharsets.UTF_8))
        .as("docker.json and the spec label's input")
        .doesNotContain("s3cr3t-value");
    assertThat(ContainerSpecs.dotenv(om.secrets()))
        .endsWith("\n" + SECRET_VAR + "=\"s3cr3t-value\"\n");
    assertThat(ContainerSpecs.dotenv(Map.of("K", "it's #1"))).contains("K=\"it's #1\"");
    assertThat(ContainerSpecs.dotenv(Map.of("K", "a\"b"))).contains("K=a\"b\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ContainerSpecs.dotenv(Map.of("K", "a\"b #c")))
        .hasMessageContaining("K cannot be written as one .env line")
        .hasMessageNotContaining("a\"b");
  }

  @Test
  void aChangedSecretRecreatesTheContainerWithoutTheHashRevealingIt() {
    ContainerSpec a =
        ContainerSpecs.of(plan("0", "one"), CONFIG, DockerSettings.defaults(), IMAGES).get(2);
    ContainerSpec b =
        ContainerSpecs.of(plan("0", "two"), CONFIG, DockerSettings.defaults(), IMAGES).get(2);
    assertThat(ContainerSpecs.hash(a)).isNotEqualTo(ContainerSpecs.hash(b));
    assertThat(ContainerSpecs.hash(a)).isEqualTo(ContainerSpecs.hash(a));
  }

  @Test
  void theBrokerKeepsItsLogDirOnTheEnvironmentsVolumeAndPublishesOnlyItsHostListener() {
    ContainerSpec kafka =
        ContainerSpecs.of(plan("0"), CONFIG, DockerSettings.defaults(), IMAGES).get(0);
    assertThat(kafka.volumes()).containsExactly(Map.entry("oasis-stg-kafka", "/opt/oasis/data"));
    assertThat(kafka.launch().env())
        .containsEntry("KAFKA_LOG_DIR", "/opt/oasis/data/kafka")
        .containsEntry("KAFKA_PORT", "19092")
        .containsEntry("KAFKA_EXTERNAL_PORT", "29092");
    assertThat(kafka.launch().ports()).containsExactly(Map.entry("bootstrap", 29092));
    assertThat(kafka.hostAddressVars())
        .containsExactly(Map.entry("KAFKA_EXTERNAL_ADVERTISED", "bootstrap"));
  }
}
