package oasis.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.release.ReleaseManifest;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.Revision;
import oasis.state.RevisionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionTest {

  private static final String COMMIT = "c0ffee".repeat(6) + "beef";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path dir;
  Project project;

  @BeforeEach
  void project() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          order-manager: {module: services/order-manager, mainClass: o.Main}
        environments:
          staging: {target: local}
          production: {target: local, predecessor: staging}
        """);
    project = ProjectLoader.load(dir);
    new ReleaseManifest(
            1,
            "1.2.0",
            "v1.2.0",
            COMMIT,
            "2026-11-29T00:00:00Z",
            null,
            Map.of("order-manager", new ReleaseManifest.Artifact(DIGEST, "x.jar")),
            null,
            List.of(),
            null,
            null)
        .write(dir.resolve("releases/v1.2.0.yaml"));
  }

  private void stagingRan(String digest, RevisionState state) {
    Revision revision =
        new Revision(
            1,
            "1.2.0",
            COMMIT,
            "all-at-once",
            state,
            Instant.EPOCH,
            Instant.EPOCH,
            Map.of("order-manager", digest),
            null,
            null,
            null,
            null,
            null);
    new LedgerStore(Deployer.envDir(project, "staging"), "staging")
        .save(new Ledger("staging", 1, 2, List.of(revision)));
  }

  private static void assertConflict(Runnable r, String... message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(OasisException.class)
        .hasMessageContainingAll(message)
        .extracting(e -> ((OasisException) e).kind())
        .isEqualTo(OasisException.Kind.CONFLICT);
  }

  @Test
  void aReleaseHealthyOnTheSameArtifactsInStagingMayGoToProduction() {
    stagingRan(DIGEST, RevisionState.HEALTHY);
    assertThatCode(() -> Promotion.enforce(project, "production", "v1.2.0"))
        .doesNotThrowAnyException();
  }

  @Test
  void aReleaseNeverDeployedToStagingIsRefused() {
    assertConflict(
        () -> Promotion.enforce(project, "production", "1.2.0"),
        "v1.2.0 cannot go to 'production'",
        "never deployed there");
  }

  @Test
  void aReleaseThatRanOtherArtifactsInStagingIsRefused() {
    stagingRan("sha256:" + "cd".repeat(32), RevisionState.HEALTHY);
    assertConflict(
        () -> Promotion.enforce(project, "production", "1.2.0"),
        "artifact of 'order-manager' differs");
  }

  @Test
  void aReleaseThatFailedInStagingIsRefused() {
    stagingRan(DIGEST, RevisionState.FAILED);
    assertConflict(() -> Promotion.enforce(project, "production", "1.2.0"), "is failed");
  }

  @Test
  void aWorkingTreeBuildNeverGoesToAnEnvironmentWithAPredecessor() {
    assertConflict(
        () -> Promotion.enforce(project, "production", null), "not a build of the working tree");
    assertThatCode(() -> Promotion.enforce(project, "staging", null)).doesNotThrowAnyException();
  }
}
