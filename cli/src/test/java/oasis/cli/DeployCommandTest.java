package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Input checks of the deploy verbs that need no process. */
class DeployCommandTest {

  static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

  @Test
  void anUnknownStrategyIsBadInputNamingTheKnownOnes() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "deploy", "--strategy", "yolo");
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
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "rollout", "promote");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(r.err()).contains("no rollout in progress on 'staging'");
  }

  @Test
  void anUnknownEnvironmentIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "status", "--env", "nowhere");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown environment 'nowhere'", "staging");
  }

  @Test
  void aMalformedTimeoutIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "rollback", "--timeout", "soon");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("malformed duration 'soon'");
  }

  @Test
  void aMalformedVersionIsBadInput() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "deploy", "latest", "--dry-run");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("malformed version 'latest'");
  }

  @Test
  void theProductionEnvironmentNeedsAReachableCluster() {
    // No kubeconfig here: fabric8 falls back to the in-cluster address, which does not resolve.
    String was = System.setProperty("kubeconfig", ROOT + "/no-such-kubeconfig");
    try {
      OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "status", "--env", "production");
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
