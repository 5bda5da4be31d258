package oasis.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oasis.core.Json;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.Phase;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.Step;
import org.junit.jupiter.api.Test;

class RolloutReportWhoTest {

  static RolloutState abortedByAPerson() {
    var t0 = ConsoleViewsTest.T0;
    return RolloutState.start(
            9,
            "2.1.0",
            "canary",
            "canary",
            List.of("callee"),
            List.of(Step.setWeight(20), Step.pause(null)),
            42,
            t0)
        .ready(t0.plusSeconds(2))
        .next(20, "weight 20%")
        .decided(t0.plusSeconds(30), "abort", "alice@ops-1")
        .failing(t0.plusSeconds(30), "aborted by alice@ops-1 ('oasis rollout abort')")
        .trafficBack(t0.plusSeconds(31))
        .finished(Phase.ABORTED, t0.plusSeconds(32), "aborted", "alice@ops-1");
  }

  @Test
  void theReportAndItsJsonSayWhoAbortedAndEveryDecision() throws Exception {
    RolloutFacts f =
        RolloutFacts.of(
            new Rollouts.Status("staging", "aborted", null, "done", abortedByAPerson()), null);
    String html = HtmlReport.render(f, ConsoleViewsTest.T0, ConsoleViewsTest.UTC);
    assertThat(html)
        .contains("<th>aborted by</th><td>alice@ops-1</td>")
        .contains("<td>2026-12-06 10:00:30 +00:00</td><td>2</td><td>abort</td><td>alice@ops-1</td>")
        .contains("<td>aborted</td><td>alice@ops-1</td>");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.bytes(f));
    assertThat(json.path("finishedBy").asText()).isEqualTo("alice@ops-1");
    assertThat(json.path("decisions").get(0).path("action").asText()).isEqualTo("abort");
    assertThat(json.path("decisions").get(0).path("by").asText()).isEqualTo("alice@ops-1");
  }

  @Test
  void aPromotionByTheJudgeReadsPromotedBy() {
    var t0 = ConsoleViewsTest.T0;
    RolloutState s =
        RolloutState.start(9, "2.1.0", "canary", "canary", List.of("callee"), List.of(), 42, t0)
            .decided(t0.plusSeconds(20), "pass", "judge")
            .finished(Phase.SUCCEEDED, t0.plusSeconds(21), "2.1.0 is the new stable", "judge");
    String html =
        HtmlReport.render(
            RolloutFacts.of(new Rollouts.Status("staging", "succeeded", null, "", s), null),
            t0,
            ConsoleViewsTest.UTC);
    assertThat(html).contains("<th>promoted by</th><td>judge</td>");
  }

  @Test
  void aRolloutRecordedBeforeDecisionsWereKeptSaysSo() {
    var t0 = ConsoleViewsTest.T0;
    RolloutState old =
        new RolloutState(
            9,
            "2.1.0",
            "canary",
            "canary",
            List.of("callee"),
            List.of(),
            0,
            Phase.SUCCEEDED,
            0,
            null,
            "done",
            List.of(),
            null,
            t0,
            null,
            null,
            null,
            t0,
            null,
            null,
            null);
    String html =
        HtmlReport.render(
            RolloutFacts.of(new Rollouts.Status("staging", "succeeded", null, "", old), null),
            t0,
            ConsoleViewsTest.UTC);
    assertThat(html).contains("No decision is recorded.").doesNotContain("promoted by");
  }
}
