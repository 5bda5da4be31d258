package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import oasis.analysis.AnalysisSpec;
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
            "analysis up to 10.0 s",
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
            "analysis up to 15.0 s",
            "setWeight 50",
            "analysis up to 15.0 s",
            "setWeight 100",
            "analysis up to 15.0 s");
    assertThat(Strategies.steps(r, "blue-green"))
        .as("the preview is analysed with analysis traffic before the switch, and after it")
        .extracting(Step::describe)
        .containsExactly(
            "analysis up to 15.0 s", "setWeight 100", "analysis up to 15.0 s", "pause 300.0 s");
    assertThat(Strategies.steps(r, "blue-green").get(3).pause()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Strategies.steps(r, "blue-green", true))
        .as("real money: no analysis traffic, so nothing to judge the preview on before the switch")
        .extracting(Step::describe)
        .containsExactly("setWeight 100", "analysis up to 15.0 s", "pause 300.0 s");
    assertThat(Strategies.trackOf("blue-green")).isEqualTo("green");
  }

  @Test
  void whereRealMoneyTradesInconclusiveAbortsAHeldCanaryGetsNoCallsAndNoTrafficIsSent()
      throws Exception {
    RolloutConfig r = load("").environment("staging").getValue().rollout();
    AnalysisSpec paper = Strategies.steps(r, "canary", false).get(1).analysis();
    AnalysisSpec real = Strategies.steps(r, "canary", true).get(1).analysis();
    assertThat(paper.onInconclusive()).isEqualTo(AnalysisSpec.OnInconclusive.PAUSE);
    assertThat(paper.pausedWeight()).as("keeps the step's weight").isNull();
    assertThat(paper.trafficRate()).isEqualTo(10.0);
    assertThat(paper.maxInconclusive()).isEqualTo(Duration.ofSeconds(60));
    assertThat(real.onInconclusive()).isEqualTo(AnalysisSpec.OnInconclusive.ABORT);
    assertThat(real.pausedWeight()).isZero();
    assertThat(real.trafficRate()).isZero();
    assertThat(real.maxInconclusive()).isEqualTo(Duration.ofSeconds(60));
    assertThat(paper.trafficSignalsOnly()).isFalse();
  }

  @Test
  void whereRealMoneyTradesAnalysisTrafficIsDryRunSignalsOnlyAndOnlyWhenEnabledExplicitly()
      throws Exception {
    RolloutConfig r =
        load("""
                rollout:
                  analysis:
                    traffic: {enabled: true, rate: 4}
            """)
            .environment("staging")
            .getValue()
            .rollout();
    AnalysisSpec real = Strategies.steps(r, "canary", true).get(1).analysis();
    assertThat(real.trafficRate()).isEqualTo(4.0);
    assertThat(real.trafficSignalsOnly()).as("never an order where real money trades").isTrue();
    assertThat(Strategies.steps(r, "blue-green", true))
        .as("dry-run signals alone cannot judge a preview's order manager before the switch")
        .extracting(Step::describe)
        .containsExactly("setWeight 100", "analysis up to 15.0 s", "pause 300.0 s");
    RolloutConfig rateOnly =
        load("""
                rollout:
                  analysis:
                    traffic: {rate: 4}
            """)
            .environment("staging")
            .getValue()
            .rollout();
    assertThat(Strategies.steps(rateOnly, "canary", true).get(1).analysis().trafficRate())
        .as("a rate is not an explicit enable")
        .isZero();
  }

  @Test
  void theSequentialKeysAreCheckedAndNameTheirLines() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        HEAD
            + """
                rollout:
                  analysis:
                    budget: soon
                    tolerance: 1.5
                    onInconclusive: wait
                    maxInconclusive: 60
                    pausedWeight: 120
                    traffic: {rate: 0}
            """);
    ConfigException e =
        (ConfigException)
            assertThatThrownBy(() -> ProjectLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .actual();
    assertThat(e.problems())
        .extracting(pr -> pr.line() + " " + pr.message())
        .contains(
            "9 budget 'soon' is not a duration",
            "10 tolerance 1.5 is not a share from 0 to below 1",
            "11 unknown onInconclusive 'wait'",
            "12 maxInconclusive '60' is not a duration",
            "13 pausedWeight 120 is not 0..100",
            "14 traffic rate 0.0 is not above 0 and at most 1000 calls a second")
        .as("reported once, not again for every step that inherits them")
        .hasSize(6);
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
