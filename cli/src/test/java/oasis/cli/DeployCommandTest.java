package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Input checks of the deploy verbs that need no process. */
class DeployCommandTest {

  static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

  @Test
  void onlyTheAllAtOnceStrategyIsAcceptedForNow() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "deploy", "--strategy", "canary");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("strategy 'canary' is not available yet");
  }

  @Test
  void strategyIsNotAdvertisedInHelpUntilItIsReal() {
    OasisTest.Result r = OasisTest.run("deploy", "--help");
    assertThat(r.out()).contains("--set", "--timeout", "--dry-run").doesNotContain("--strategy");
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
  void theProductionEnvironmentNeedsATargetThatDoesNotExistYet() {
    OasisTest.Result r = OasisTest.run("--project-dir", ROOT, "status", "--env", "production");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("target 'kubernetes'");
  }
}
