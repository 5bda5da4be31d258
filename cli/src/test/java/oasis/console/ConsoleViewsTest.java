package oasis.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import oasis.analysis.Measurement;
import oasis.analysis.Outcome;
import oasis.analysis.Verdict;
import oasis.deploy.Rollouts;
import oasis.deploy.StatusReport;
import oasis.deploy.rollout.AnalysisRecord;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.Step;
import oasis.state.ComponentVersion;
import oasis.state.Revision;
import oasis.state.RevisionState;
import org.junit.jupiter.api.Test;

class ConsoleViewsTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456789Z");
  static final ZoneId UTC = ZoneId.of("UTC");

  static Verdict verdict(String condition, Outcome o, double canary, double stable) {
    return new Verdict(
        condition,
        "callee",
        o,
        100,
        400,
        canary,
        stable,
        Double.NaN,
        Double.NaN,
        0.05,
        0.05,
        0.01,
        condition + " of callee: " + o.label() + ": canary " + canary + " against " + stable,
        null);
  }

  static RolloutState aborted() {
    RolloutState s =
        RolloutState.start(
            7,
            "2.0.0-dev+abc1234",
            "canary",
            "canary",
            List.of("callee"),
            List.of(
                Step.setWeight(20),
                Step.analysis(
                    new oasis.analysis.AnalysisSpec(
                        List.of(), Duration.ofSeconds(5), 2, 0, 0, 20, 0.05)),
                Step.setWeight(50)),
            42,
            T0);
    s = s.ready(T0.plusSeconds(3)).next(20, "weight 20");
    Measurement m1 =
        new Measurement(
            1,
            T0.plusSeconds(3),
            T0.plusSeconds(8),
            Outcome.PASS,
            List.of(verdict("errorRate", Outcome.PASS, 0.01, 0.0)),
            12);
    Measurement m2 =
        new Measurement(
            2,
            T0.plusSeconds(8),
            T0.plusSeconds(13),
            Outcome.FAIL,
            List.of(verdict("errorRate", Outcome.FAIL, 0.3, 0.0)),
            12);
    s =
        s.withAnalysis(
            new AnalysisRecord(1, Outcome.FAIL, "errorRate failed", List.of(m1, m2), List.of()));
    return s.failing(T0.plusSeconds(13), "errorRate of callee failed")
        .trafficBack(T0.plusSeconds(14))
        .finished(
            oasis.deploy.rollout.Phase.ABORTED, T0.plusSeconds(15), "aborted: errorRate", "judge");
  }

  static RolloutFacts facts() {
    Revision r =
        new Revision(
            7,
            "2.0.0-dev+abc1234",
            "abc1234def",
            "canary",
            RevisionState.FAILED,
            T0,
            T0.plusSeconds(15),
            Map.of(),
            Map.of("callee", new ComponentVersion("2.0.0", "abc")),
            Map.of(),
            Map.of("callee.OASIS_FAULT_ERROR_RATE", "0.3"),
            42L,
            "canary failed");
    return RolloutFacts.of(new Rollouts.Status("staging", "aborted", null, "done", aborted()), r);
  }

  @Test
  void factsReadEveryMeasurementOfEveryMetricAndWhereTheBoundaryWasCrossed() {
    RolloutFacts f = facts();
    assertThat(f.series()).hasSize(1);
    RolloutFacts.Series s = f.series().get(0);
    assertThat(s.points()).extracting(RolloutFacts.Point::canary).containsExactly(0.01, 0.3);
    assertThat(s.max()).isEqualTo(0.05);
    assertThat(s.crossedAt()).isEqualTo(T0.plusSeconds(13));
    assertThat(f.commit()).isEqualTo("abc1234def");
    assertThat(f.steps())
        .extracting(RolloutFacts.StepFact::weightAfter)
        .containsExactly(20, 20, 50);
  }

  static oasis.analysis.Evidence check(
      String condition, int second, double canary, double stable, double threshold, Outcome o) {
    return new oasis.analysis.Evidence(
        T0.plusSeconds(second),
        second * 1000L,
        condition,
        "callee",
        10L * second,
        Math.round(10 * second * canary),
        40L * second,
        Math.round(40 * second * stable),
        canary,
        stable,
        threshold,
        canary - stable,
        canary - stable - 0.2,
        canary - stable + 0.2,
        0.01,
        0.05,
        canary - 0.2,
        o);
  }

  @Test
  void theSequentialJudgesChecksAreTheChartsPointsEverySecond() {
    RolloutState s = aborted();
    Measurement last =
        new Measurement(
            1,
            T0.plusSeconds(3),
            T0.plusSeconds(6),
            Outcome.FAIL,
            List.of(
                verdict("errorRate", Outcome.FAIL, 0.3, 0.0),
                verdict("latencyP95", Outcome.PASS, 0.0, 0.0)),
            12);
    RolloutState sequential =
        s.withAnalysis(
            new AnalysisRecord(
                1,
                Outcome.FAIL,
                "errorRate failed",
                List.of(last),
                List.of(
                    check("errorRate", 4, 0.2, 0.0, Double.NaN, Outcome.UNDECIDED),
                    check("latencyP95", 4, 0.0, 0.0, 0.12, Outcome.UNDECIDED),
                    check("errorRate", 5, 0.3, 0.0, Double.NaN, Outcome.FAIL),
                    check("errorRate", 6, 0.3, 0.0, Double.NaN, Outcome.FAIL))));
    RolloutFacts f =
        RolloutFacts.of(new Rollouts.Status("staging", "aborted", null, "done", sequential), null);

    RolloutFacts.Series errors = f.series().get(0);
    assertThat(errors.condition()).isEqualTo("errorRate");
    assertThat(errors.points())
        .extracting(RolloutFacts.Point::canary)
        .containsExactly(0.2, 0.3, 0.3);
    assertThat(errors.crossedAt()).as("the first failing check").isEqualTo(T0.plusSeconds(5));
    assertThat(errors.max()).isEqualTo(0.05);
    RolloutFacts.Series latency = f.series().get(1);
    assertThat(latency.max()).as("a share of slow calls is not bounded by seconds").isNull();
    assertThat(latency.crossedAt()).isNull();
  }

  @Test
  void rolloutScreenFitsEightyColumnsAndHasNoEscapesWithoutColour() {
    List<String> lines =
        RolloutScreen.render(facts(), new Style(false), T0.plusSeconds(20), UTC, 80);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(String.join("\n", lines))
        .doesNotContain("\u001b")
        .contains("canary [-----", "  0%  stable 100%", "errorRate of callee max 0.05", "c ▁█")
        .contains("0.3 ", "state: aborted", "done 1. setWeight 20");
    assertThat(RolloutScreen.line(facts(), T0, UTC)).doesNotContain("\u001b");
    assertThat(String.join("", RolloutScreen.render(facts(), new Style(true), T0, UTC, 80)))
        .contains("\u001b[");
  }

  @Test
  void htmlReportDrawsAPointPerMeasurementForBothTracksAndTheBoundary() {
    String html = HtmlReport.render(facts(), T0, UTC);
    assertThat(html.split("<circle class=\"canary")).hasSize(3);
    assertThat(html.split("<circle class=\"stable")).hasSize(3);
    assertThat(html).contains("class=\"boundary\"", "class=\"crossed\"", "abc1234def", "aborted");
    assertThat(html).contains("callee.OASIS_FAULT_ERROR_RATE").doesNotContain("<script");
  }

  @Test
  void aHealthyCanaryLyingOnStableIsDrawnOverItAsRings() {
    var agree =
        new RolloutFacts.Series(
            "errorRate",
            "callee",
            0.05,
            0.01,
            List.of(
                new RolloutFacts.Point(1, 1, T0, 0.0, 0.0, 10, 10, "pass"),
                new RolloutFacts.Point(1, 2, T0.plusSeconds(1), 0.0, 0.0, 20, 20, "pass")),
            null);
    String svg = SvgChart.series(agree);
    assertThat(svg.lastIndexOf("<circle class=\"stable"))
        .as("stable is drawn before the canary")
        .isLessThan(svg.indexOf("<circle class=\"canary"));
    assertThat(svg).contains("class=\"canary pass\" cx=\"74.0\" cy=\"184.0\" r=\"7\"");
    assertThat(HtmlReport.render(facts(), T0, UTC))
        .contains("svg circle.canary { fill: none;", "stroke-dasharray");
  }

  @Test
  void tablesFitEightyColumnsWithLocalClockTimes() {
    Revision r =
        new Revision(
            12,
            "2.0.0-dev+abc1234.dirty-with-a-long-tail",
            "abc1234def",
            "blue-green",
            RevisionState.ROLLED_BACK,
            T0,
            T0.plus(Duration.ofSeconds(75)),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            1L,
            "x".repeat(200));
    List<String> history = Tables.history(List.of(r), 12, new Style(false), T0, UTC);
    assertThat(history).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(history.get(1)).startsWith("12*").contains("10:00:00", "1m15s", "rolled-back");
    StatusReport s =
        new StatusReport(
            "staging",
            "local",
            3,
            "1.2.0",
            "healthy",
            true,
            null,
            List.of(
                new StatusReport.Component(
                    "a-component-with-a-very-long-name",
                    "2.0.0-dev+abc1234.dirty",
                    "canary",
                    true,
                    2,
                    12345L,
                    null,
                    null,
                    Map.of("grpc", "127.0.0.1:50052", "metrics", "http://127.0.0.1:9094/metrics"))),
            List.of(),
            List.of());
    assertThat(Tables.status(s, new Style(false)))
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void sparklinesShareOneScale() {
    assertThat(Sparkline.of(List.of(0.0, 0.5, 1.0), 0, 1)).isEqualTo("▁▅█");
    assertThat(Sparkline.of(java.util.Arrays.asList(null, 1.0), 0, 2)).isEqualTo(" ▅");
    assertThat(Sparkline.bar(50, 10)).isEqualTo("[#####-----]");
  }
}
