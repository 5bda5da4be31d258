package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import oasis.config.DeployWindow;
import oasis.config.EnvironmentConfig;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

  static final String COMMIT = "c".repeat(40);
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String P = "sha256:" + "p".repeat(64);

  static final ReleaseManifest MANIFEST =
      new ReleaseManifest(
          1,
          "1.3.0",
          "v1.3.0",
          COMMIT,
          "2026-11-29T12:00:00Z",
          "1.2.0",
          Map.of(
              "order-manager", new ReleaseManifest.Artifact(A, "x"),
              "risk-engine", new ReleaseManifest.Artifact(B, "y")),
          P,
          List.of(),
          new ReleaseManifest.RollbackPlan("1.2.0", List.of()),
          Map.of(
              "production", new DeployWindow(List.of("MON"), "08:00", "16:00", "Europe/London")));

  static final Map.Entry<String, EnvironmentConfig> PRODUCTION =
      Map.entry("production", EnvironmentConfig.of("kubernetes", "staging"));

  static RevisionView revision(String version, String commit, String a, String state) {
    return new RevisionView(
        version, commit, Map.of("order-manager", a, "risk-engine", B), P, state);
  }

  @Test
  void healthyIdenticalReleaseOnThePredecessorOpensTheGate() {
    var decision =
        PromotionGate.check(
            MANIFEST,
            PRODUCTION,
            List.of(
                revision("1.2.0", "d".repeat(40), A, "healthy"),
                revision("v1.3.0", COMMIT, A, "healthy")));
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.revision().version()).isEqualTo("v1.3.0");
    decision.enforce("1.3.0", "staging");
  }

  @Test
  void supersededCountsAsPassed() {
    assertThat(
            PromotionGate.check(
                    MANIFEST, PRODUCTION, List.of(revision("1.3.0", COMMIT, A, "superseded")))
                .allowed())
        .isTrue();
  }

  @Test
  void neverDeployedOnThePredecessorIsRefusedWithExitThree() {
    var decision =
        PromotionGate.check(MANIFEST, PRODUCTION, List.of(revision("1.2.0", COMMIT, A, "healthy")));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason())
        .contains("v1.3.0", "'production'", "'staging'", "never deployed there");
    assertThatThrownBy(() -> decision.enforce("1.3.0", "staging"))
        .isInstanceOf(OasisException.class)
        .satisfies(e -> assertThat(((OasisException) e).kind().exitCode()).isEqualTo(3))
        .satisfies(
            e ->
                assertThat(((OasisException) e).hint())
                    .contains("oasis deploy 1.3.0 --env staging"));
  }

  @Test
  void failedOrRolledBackRevisionsDoNotCount() {
    var decision =
        PromotionGate.check(
            MANIFEST,
            PRODUCTION,
            List.of(
                revision("1.3.0", COMMIT, A, "failed"),
                revision("1.3.0", COMMIT, A, "rolled-back")));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).contains("is failed", "is rolled-back");
  }

  @Test
  void sameVersionFromAnotherCommitIsRefused() {
    var decision =
        PromotionGate.check(
            MANIFEST, PRODUCTION, List.of(revision("1.3.0", "e".repeat(40), A, "healthy")));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason())
        .contains("ran commit eeeeeeeeeeee", "release is commit cccccccccccc");
  }

  @Test
  void rebuiltArtifactIsRefusedNamingTheComponent() {
    var decision =
        PromotionGate.check(
            MANIFEST,
            PRODUCTION,
            List.of(revision("1.3.0", COMMIT, "sha256:" + "f".repeat(64), "healthy")));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).contains("artifact of 'order-manager' differs");
  }

  @Test
  void missingComponentOrDifferentProtoIsRefused() {
    var missing = new RevisionView("1.3.0", COMMIT, Map.of("order-manager", A), P, "healthy");
    assertThat(PromotionGate.check(MANIFEST, PRODUCTION, List.of(missing)).reason())
        .contains("'risk-engine' differs");
    var proto =
        new RevisionView(
            "1.3.0",
            COMMIT,
            Map.of("order-manager", A, "risk-engine", B),
            "sha256:" + "q".repeat(64),
            "healthy");
    assertThat(PromotionGate.check(MANIFEST, PRODUCTION, List.of(proto)).reason())
        .contains("proto descriptor set differs");
  }

  @Test
  void environmentWithoutPredecessorIsOpen() {
    var staging = Map.entry("staging", EnvironmentConfig.of("local", null));
    assertThat(PromotionGate.check(MANIFEST, staging, List.of()).allowed()).isTrue();
  }
}
