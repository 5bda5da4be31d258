package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One sequential verdict: fail, pass or undecided, with its numbers and the boundary crossed. */
class SequentialJudgeTest {

  static final Condition ERRORS =
      new Condition(null, Condition.Kind.ERROR_RATE, null, null, 0.05, null, null);
  final SequentialJudge judge = new SequentialJudge(0.05, 0.05);

  Verdict judge(long cCalls, long cBad, long sCalls, long sBad) {
    return judge.judge(
        ERRORS,
        "order-manager",
        new SequentialJudge.Counts(cCalls, cBad),
        new SequentialJudge.Counts(sCalls, sBad),
        Double.NaN,
        ERRORS.maxDelta(),
        ERRORS.max(),
        Instant.EPOCH,
        1000);
  }

  @Test
  void thirtyPercentErrorsAgainstNoneFailAfterTwentyCallsAndSayWhy() {
    Verdict v = judge(20, 6, 80, 0);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.FAIL);
    assertThat(v.explanation())
        .contains(
            "errorRate of order-manager: fail",
            "canary 0.3 (6 of 20)",
            "stable 0 (0 of 80)",
            "valid at every check at alpha 0.05");
    Evidence e = v.evidence();
    assertThat(e.canaryLower()).isGreaterThan(0.05);
    assertThat(e.decision()).isEqualTo(Outcome.FAIL);
    assertThat(e.statistic()).isEqualTo(0.3);
  }

  @Test
  void aFewCallsWithAnErrorAreNotYetEvidence() {
    Verdict v = judge(3, 1, 12, 0);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.UNDECIDED);
    assertThat(v.explanation()).contains("undecided: lower bound", "upper bound");
  }

  @Test
  void manyCleanCallsOnBothTracksPassWithinTheTolerance() {
    Verdict v = judge(200, 0, 800, 1);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.PASS);
    assertThat(v.evidence().upper()).isLessThanOrEqualTo(0.05);
    assertThat(v.explanation()).contains("pass: significantly not worse than stable");
  }

  @Test
  void aCanaryAsBadAsAnEquallyBadStableNeitherFailsNorPassesOnTheDifference() {
    Verdict v = judge(1000, 30, 4000, 120);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.PASS);
    Verdict bad = judge(1000, 100, 4000, 400);
    assertThat(bad.outcome())
        .as("10%% errors is above max 0.05 whatever stable does: %s", bad.explanation())
        .isEqualTo(Outcome.FAIL);
    assertThat(bad.explanation()).contains("significantly above max");
  }

  @Test
  void noCanaryCallIsUndecided() {
    Verdict v = judge(0, 0, 500, 0);
    assertThat(v.outcome()).isEqualTo(Outcome.UNDECIDED);
    assertThat(v.explanation()).contains("no canary call yet");
  }
}
