package oasis.console;

import static oasis.console.ConsoleViewsTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.analysis.Outcome;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.AnalysisRecord;
import org.junit.jupiter.api.Test;

class LatencyBoundaryTest {

  static RolloutFacts sequential() {
    var s =
        ConsoleViewsTest.aborted()
            .withAnalysis(
                new AnalysisRecord(
                    1,
                    Outcome.FAIL,
                    "latencyP95 failed",
                    List.of(),
                    List.of(
                        check("errorRate", 4, 0.0, 0.0, Double.NaN, Outcome.UNDECIDED),
                        check("latencyP95", 4, 0.05, 0.04, 0.12, Outcome.UNDECIDED),
                        check("latencyP95", 5, 0.2, 0.06, 0.12, Outcome.FAIL))));
    return RolloutFacts.of(new Rollouts.Status("staging", "aborted", null, "done", s), null);
  }

  @Test
  void theLatencyShareIsBoundedByStablesSharePlusTheJudgesFailBoundary() {
    RolloutFacts.Series latency = sequential().series().get(1);
    assertThat(latency.condition()).isEqualTo("latencyP95");
    assertThat(latency.max()).as("seconds do not bound a share").isNull();
    assertThat(latency.overStable()).isEqualTo(0.01);
    RolloutFacts.Series errors = sequential().series().get(0);
    assertThat(errors.overStable()).as("an error rate keeps its ceiling").isNull();
    assertThat(errors.max()).isEqualTo(0.05);
  }

  @Test
  void theLatencyChartDrawsItsBoundaryDashedThroughStablePlusTheBoundaryAtEachCheck() {
    RolloutFacts.Series latency = sequential().series().get(1);
    String svg = SvgChart.series(latency);
    Matcher m = Pattern.compile("<polyline class=\"boundary\" points=\"([^\"]+)\"/>").matcher(svg);
    assertThat(m.find()).as(svg).isTrue();
    List<Double> ys =
        Pattern.compile(" ")
            .splitAsStream(m.group(1))
            .map(xy -> Double.parseDouble(xy.split(",")[1]))
            .toList();
    List<Double> stableYs = circleYs(svg, "stable");
    assertThat(ys).hasSize(2);
    assertThat(ys.get(0)).as("above stable's point (smaller y)").isLessThan(stableYs.get(0));
    assertThat(ys.get(1)).isLessThan(stableYs.get(1));
    assertThat(stableYs.get(0) - ys.get(0))
        .as("the same distance at each check: stable + 0.01")
        .isCloseTo(stableYs.get(1) - ys.get(1), org.assertj.core.data.Offset.offset(0.2));
    assertThat(svg).contains("class=\"boundary-label\"", "stable + 0.01", "class=\"crossed\"");

    String html = HtmlReport.render(sequential(), ConsoleViewsTest.T0, ConsoleViewsTest.UTC);
    assertThat(html.split("class=\"boundary\"")).as("a boundary on both charts").hasSize(3);
  }

  private static List<Double> circleYs(String svg, String track) {
    Matcher m =
        Pattern.compile("<circle class=\"" + track + " [^\"]*\" cx=\"[^\"]+\" cy=\"([^\"]+)\"")
            .matcher(svg);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }
}
