package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployChecksTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  /** Saturday 2026-11-28 10:00 UTC: outside production's MON-THU window. */
  private static final Clock SATURDAY =
      Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
    fixture.write(
        "releases/v1.0.0.yaml",
        "version: 1.0.0\nartifacts:\n  order-manager: {digest: \""
            + DIGEST
            + "\"}\nrollback: {steps: [none]}\n");
  }

  @Test
  void releaseWithoutRollbackSectionFailsNamingItsManifest() {
    fixture.write(
        "releases/v1.1.0.yaml", "version: 1.1.0\nartifacts: {order-manager: \"" + DIGEST + "\"}\n");
    CheckOutcome o = fixture.runOnly("rollback-plan", null, "1.1.0", Fixture.MONDAY_MORNING);
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of("releases/v1.1.0.yaml"));
              assertThat(f.line()).isEqualTo(1);
              assertThat(f.message()).isEqualTo("v1.1.0 has no rollback section");
              assertThat(f.fix()).contains("rollback:");
            });
  }

  @Test
  void rollbackTargetArtifactsMustStillBeInTheStore() throws Exception {
    fixture.write(
        "releases/v1.1.0.yaml",
        "version: 1.1.0\nrollback:\n  to: 1.0.0\n  steps: [redeploy 1.0.0]\n");
    CheckOutcome missing = fixture.runOnly("rollback-plan", null, "v1.1.0", Fixture.MONDAY_MORNING);
    assertThat(missing.status()).isEqualTo(Status.FAIL);
    assertThat(missing.findings())
        .extracting(Finding::describe)
        .containsExactly(
            "releases/v1.0.0.yaml:3: artifact "
                + DIGEST
                + " of order-manager v1.0.0 (the rollback target) is not in the store"
                + " .oasis/artifacts; fix: rebuild v1.0.0 into the store (oasis build at its tag) or restore the store before deploying");

    Path jar = fixture.path("order-manager.jar");
    Files.writeString(jar, "jar");
    String digest =
        new oasis.artifact.ArtifactStore(fixture.path(".oasis"))
            .put("order-manager", jar, dir.resolve("no-lib"));
    fixture.write(
        "releases/v1.0.0.yaml",
        "version: 1.0.0\nartifacts:\n  order-manager: {digest: \""
            + digest
            + "\"}\nrollback: {steps: [none]}\n");
    CheckOutcome present = fixture.runOnly("rollback-plan", null, "1.1.0", Fixture.MONDAY_MORNING);
    assertThat(present.status()).as(present.message()).isEqualTo(Status.PASS);
  }

  @Test
  void deployOutsideTheWindowFailsNamingWhereTheWindowIsRecorded() {
    CheckOutcome o = fixture.runOnly("deploy-window", "production", null, SATURDAY);
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of("oasis.yaml"));
              assertThat(f.line())
                  .isEqualTo(lineOf("oasis.yaml", "deployWindow: {days: [MON, TUE, WED, THU]"));
              assertThat(f.message())
                  .contains(
                      "Sat 2026-11-28 10:00 Europe/London",
                      "outside the deploy window MON,TUE,WED,THU 08:00-16:00");
              assertThat(f.fix()).contains("deploy inside the window");
            });
    assertThat(
            fixture.runOnly("deploy-window", "production", null, Fixture.MONDAY_MORNING).status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void releaseManifestWindowWinsOverTheEnvironments() {
    fixture.write(
        "releases/v1.1.0.yaml",
        "version: 1.1.0\nrollback: {to: 1.0.0}\ndeployWindow:\n  production: {days: [SAT], start: \"09:00\", end: \"12:00\", zone: UTC}\n");
    CheckOutcome o = fixture.runOnly("deploy-window", "production", "1.1.0", SATURDAY);
    assertThat(o.status()).as(o.findings().toString()).isEqualTo(Status.PASS);
    assertThat(o.message()).contains("releases/v1.1.0.yaml:4");
  }

  @Test
  void noWindowRecordedFails() {
    fixture.replace(
        "oasis.yaml", "    deployWindow: {start: \"00:00\", end: \"24:00\", zone: UTC}\n", "");
    CheckOutcome o = fixture.runOnly("deploy-window");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::message)
        .containsExactly("no deploy window recorded for staging");
  }

  @Test
  void plaintextKafkaListenerInProductionFailsNamingLineAndFix() {
    fixture.replace(
        "oasis.yaml",
        "kafka: {replicas: 3, securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}",
        "kafka: {replicas: 3, securityProtocol: PLAINTEXT}");
    CheckOutcome o =
        fixture.runOnly("production-safety", "production", null, Fixture.MONDAY_MORNING);
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of("oasis.yaml"));
              assertThat(f.line())
                  .isEqualTo(
                      lineOf("oasis.yaml", "kafka: {replicas: 3, securityProtocol: PLAINTEXT}"));
              assertThat(f.message()).contains("uses PLAINTEXT", "PLAINTEXT listener");
              assertThat(f.fix()).contains("securityProtocol: SASL_SSL");
            });
  }

  @Test
  void productionReplicasListenersAndSecretsFromAnEnvFileFail() {
    fixture.replace(
        "oasis.yaml",
        "replicas: 3, securityProtocol: SASL_SSL",
        "replicas: 1, securityProtocol: SASL_SSL");
    fixture.write(
        "environments/production.env",
        "KAFKA_BROKERS=PLAINTEXT://kafka:9092\nCOINBASE_API_" + "KEY=${env:KEY}\n");
    CheckOutcome o =
        fixture.runOnly("production-safety", "production", null, Fixture.MONDAY_MORNING);
    assertThat(o.findings())
        .extracting(Finding::describe)
        .anySatisfy(d -> assertThat(d).contains("replication of production is 1, below 3"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "environments/production.env:1: KAFKA_BROKERS uses a PLAINTEXT listener"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "environments/production.env:2: COINBASE_API_KEY does not come from a secret manager"));
  }

  @Test
  void repositoryProductionIsSafeAndStagingIsNotProductionLike() {
    assertThat(
            fixture
                .runOnly("production-safety", "production", null, Fixture.MONDAY_MORNING)
                .status())
        .isEqualTo(Status.PASS);
    assertThat(fixture.runOnly("production-safety").status()).isEqualTo(Status.SKIP);
  }

  private int lineOf(String file, String text) {
    var lines = fixture.read(file).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + text + " in " + file);
  }
}
