package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input checks of the deploy verbs that need no process. Each test runs in a project of its own
 * (the repository's oasis.yaml in a temporary directory), never against the developer's checkout
 * and whatever its staging runs.
 */
class DeployCommandTest {

  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;
  String root;

  @BeforeEach
  void ownProject() throws Exception {
    Files.copy(REPOSITORY.resolve("oasis.yaml"), dir.resolve("oasis.yaml"));
    root = dir.toString();
  }

  @Test
  void anUnknownStrategyIsBadInputNamingTheKnownOnes() {
    OasisTest.Result r = OasisTest.run("--project-dir", root, "deploy", "--strategy", "yolo");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown strategy 'yolo'", "all-at-once, canary, blue-green");
  }

  @Test
  void helpAdvertisesTheStrategiesAndTheRolloutVerb() {
    OasisTest.Result r = OasisTest.run("deploy", "--help");
    assertThat(r.out()).contains("--set", "--timeout", "--dry-run", "--strategy", "canary");
    OasisTest.Result rollout = OasisTest.run("rollout", "--help");
    assertThat(rollout.out()).contains("status", "promote", "--full", "abort", "pause", "resume");
  }

  @Test
  void aRolloutRequestWithoutARolloutIsAConflict() {
    OasisTest.Result r = OasisTest.run("--project-dir", root, "rollout", "promote");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(r.err()).contains("no rollout in progress on 'staging'");
  }

  @Test
  void anUnknownEnvironmentIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", root, "status", "--env", "nowhere");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown environment 'nowhere'", "staging");
  }

  @Test
  void aMalformedTimeoutIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", root, "rollback", "--timeout", "soon");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("malformed duration 'soon'");
  }

  @Test
  void aMalformedVersionIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", root, "deploy", "latest", "--dry-run");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("malformed version 'latest'");
  }

  @Test
  void theProductionEnvironmentNeedsAReachableCluster() {
    // No kubeconfig here: fabric8 falls back to the in-cluster address, which does not resolve.
    String was = System.setProperty("kubeconfig", root + "/no-such-kubeconfig");
    try {
      OasisTest.Result r = OasisTest.run("--project-dir", root, "status", "--env", "production");
      assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err()).contains("cannot reach the Kubernetes API server");
    } finally {
      if (was == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", was);
      }
    }
  }
}
