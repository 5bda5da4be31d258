package oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.local.LocalTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressiveDeployerTest {

  @TempDir Path dir;

  /** A target that only has a name: enough to choose a strategy. */
  private static Target named(String name) {
    return new Target() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<InstanceKind> infrastructure() {
        return Set.of();
      }

      @Override
      public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
        throw new AssertionError("not applied");
      }

      @Override
      public TargetStatus status() {
        return new TargetStatus(false, List.of(), List.of());
      }

      @Override
      public void down(Duration grace, Consumer<String> progress) {}

      @Override
      public void logs(String instance, int tail, boolean follow, Consumer<String> sink) {}
    };
  }

  private ProgressiveDeployer deployer(Target target, LocalTraffic tracks) throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: prod
        components:
          order-manager: {module: m, mainClass: A}
        environments:
          prod:
            target: local
        """);
    Project project = ProjectLoader.load(dir);
    Clock clock = Clock.systemUTC();
    Deployer d = new Deployer(project, "prod", target, clock, line -> {}, "deploy");
    return new ProgressiveDeployer(
        d, project, "prod", target, tracks, tracks, clock, line -> {}, "deploy");
  }

  @Test
  void aTargetWithoutATrafficSplitRefusesCanaryAndBlueGreenAsBadInput() throws Exception {
    ProgressiveDeployer pd = deployer(named("kubernetes"), null);
    for (String strategy : List.of("canary", "blue-green")) {
      assertThatThrownBy(() -> pd.strategy(strategy))
          .isInstanceOf(OasisException.class)
          .hasMessageContaining("needs a traffic split", "kubernetes target of 'prod'")
          .extracting(e -> ((OasisException) e).kind())
          .isEqualTo(OasisException.Kind.BAD_INPUT);
    }
    assertThat(pd.strategy("all-at-once")).isEqualTo("all-at-once");
  }

  @Test
  void aTargetWithTracksTakesEveryStrategy() throws Exception {
    ProgressiveDeployer pd = deployer(named("docker"), new LocalTraffic(dir));
    assertThat(pd.strategy("canary")).isEqualTo("canary");
    assertThat(pd.strategy("blue-green")).isEqualTo("blue-green");
  }
}
