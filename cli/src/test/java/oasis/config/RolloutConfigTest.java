package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oasis.deploy.rollout.Step;
import oasis.deploy.rollout.Strategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutConfigTest {

  @TempDir Path dir;

  private static final String HEAD =
      """
      defaultEnvironment: staging
      components:
        order-manager: {module: m, mainClass: A}
      environments:
        staging:
          target: local
      """;

  private Project load(String rollout) throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), HEAD + rollout);
    return ProjectLoader.load(dir);
  }

  @Test
  void canaryStepsAndAnalysisAreReadWithStepOverridesOverTheEnvironmentDefaults() throws Exception {
    Project p =
        load(
            """
                rollout:
                  strategy: canary
                  canary:
                    steps:
                      - setWeight: 20
                      - analysis: {count: 2}
                      - pause: 30s
                      - setWeight: 50
                      - pause: untilPromoted
                  analysis:
                    interval: 5s
                    count: 4
                    failureLimit: 0
                    conditions:
                      - {metric: errorRate, max: 0.05}
                      - {metric: latencyP99, max: 0.25, component: order-manager}
            """);
    RolloutConfig r = p.environment("staging").getValue().rollout();
    assertThat(r.strategy()).isEqualTo("canary");
    List<Step> steps = Strategies.steps(r, "canary");
    assertThat(steps)
        .extracting(Step::describe)
        .containsExactly(
            "setWeight 20",
            "analysis 2 × 5.0 s",
            "pause 30.0 s",
            "setWeight 50",
            "pause until promoted");
    var spec = steps.get(1).analysis();
    assertThat(spec.failureLimit()).as("inherited").isZero();
    assertThat(spec.minSamples()).as("default").isEqualTo(20);
    assertThat(spec.conditions()).hasSize(2);
    assertThat(spec.conditions().get(1).component()).isEqualTo("order-manager");
  }

  @Test
  void withoutARolloutSectionDeploysAreAllAtOnceAndBlueGreenKeepsTheOldStackWarm()
      throws Exception {
    RolloutConfig r = load("").environment("staging").getValue().rollout();
    assertThat(r.strategy()).isEqualTo("all-at-once");
    assertThat(Strategies.steps(r, "canary"))
        .extracting(Step::describe)
        .containsExactly(
            "setWeight 20",
            "analysis 3 × 5.0 s",
            "setWeight 50",
            "analysis 3 × 5.0 s",
            "setWeight 100",
            "analysis 3 × 5.0 s");
    assertThat(Strategies.steps(r, "blue-green"))
        .extracting(Step::describe)
        .containsExactly("setWeight 100", "analysis 3 × 5.0 s", "pause 300.0 s");
    assertThat(Strategies.steps(r, "blue-green").get(2).pause()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Strategies.trackOf("blue-green")).isEqualTo("green");
  }

  @Test
  void badStrategyStepsAndConditionsNameTheirLines() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        HEAD
            + """
                rollout:
                  strategy: yolo
                  canary:
                    steps:
                      - setWeight: 120
                      - {setWeight: 20, pause: 5s}
                      - pause: soon
                  blueGreen: {warmWindow: forever}
                  analysis:
                    alpha: 2
                    conditions:
                      - {metric: errorRat}
                      - {metric: query, query: "sum(x)"}
                      - {metric: errorRate, component: nobody}
            """);
    ConfigException e =
        (ConfigException)
            assertThatThrownBy(() -> ProjectLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .actual();
    assertThat(e.problems())
        .extracting(pr -> pr.line() + " " + pr.message())
        .contains(
            "8 unknown strategy 'yolo'",
            "11 setWeight 120 is not 0..100",
            "12 a canary step needs exactly one of setWeight, pause, analysis (it has 2)",
            "13 pause 'soon' is not a duration",
            "14 warmWindow 'forever' is not a duration",
            "16 alpha 2.0 is not between 0 and 1",
            "18 unknown metric 'errorRat'",
            "19 a query condition needs a Prometheus server",
            "20 unknown component 'nobody'");
  }
}
