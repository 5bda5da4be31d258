package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** The canary judge on data with known outcomes: identical, shifted, high variance, sparse. */
class JudgeTest {

  private static final Condition LATENCY =
      new Condition("latency", Condition.Kind.LATENCY_P95, null, null, null, 0.01, null);
  private static final Condition ERRORS =
      new Condition("errors", Condition.Kind.ERROR_RATE, null, null, 0.05, null, null);
  private final Judge judge = new Judge(20, 0.05);

  @Test
  void mannWhitneyGivesTheTextbookValues() {
    // fully separated samples of 5 and 5: U = 25 and the exact one-sided p = 1 / C(10,5) = 1/252
    var r =
        MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN)
            .test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5});
    assertThat(r.getStatistic()).isEqualTo(25);
    assertThat(r.getPValue()).isCloseTo(1.0 / 252, within(1e-12));
  }

  @Test
  void identicalDistributionsPass() {
    double[] a = normal(1, 200, 0.020, 0.002);
    double[] b = normal(2, 200, 0.020, 0.002);
    Verdict v = judge.judge(LATENCY, "om", a, b, p95(a), p95(b));
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.PASS);
    assertThat(v.pValue()).isGreaterThan(0.05);
    assertThat(v.explanation()).contains("latency of om", "pass", "Mann-Whitney U=", "p=");
  }

  @Test
  void aShiftedCanaryFailsWithTheStatisticAndThresholdExplained() {
    double[] canary = normal(3, 200, 0.220, 0.002);
    double[] stable = normal(4, 200, 0.020, 0.002);
    Verdict v = judge.judge(LATENCY, "om", canary, stable, p95(canary), p95(stable));
    assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(v.pValue()).isLessThan(1e-6);
    assertThat(v.statistic()).isCloseTo(200.0 * 200, within(1.0));
    assertThat(v.canarySamples()).isEqualTo(200);
    assertThat(v.explanation())
        .contains("significantly worse", "over 200", "alpha 0.05", "maxDelta 0.01 s");
  }

  @Test
  void aSmallSignificantShiftWithinMaxDeltaPasses() {
    double[] canary = normal(5, 500, 0.0205, 0.0005);
    double[] stable = normal(6, 500, 0.0200, 0.0005);
    Verdict v = judge.judge(LATENCY, "om", canary, stable, p95(canary), p95(stable));
    assertThat(v.pValue()).as("significant").isLessThan(0.05);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.PASS);
  }

  @Test
  void highVarianceHidesAModestShiftSoItPasses() {
    double[] canary = normal(7, 30, 0.060, 0.200);
    double[] stable = normal(8, 30, 0.040, 0.200);
    Verdict v = judge.judge(LATENCY, "om", canary, stable, p95(canary), p95(stable));
    assertThat(v.pValue()).isGreaterThan(0.05);
    assertThat(v.outcome()).as(v.explanation()).isEqualTo(Outcome.PASS);
  }

  @Test
  void sparseCanaryDataIsInconclusiveNeverAPass() {
    double[] canary = {0, 0, 0};
    double[] stable = Judge.binary(0, 500);
    Verdict v = judge.judge(ERRORS, "om", canary, stable, 0, 0);
    assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(v.explanation()).contains("3 observation(s)", "minSamples 20", "traffic");
  }

  @Test
  void aFaultyCanaryErrorRateFailsBothOnMaxAndOnComparison() {
    double[] canary = Judge.binary(30, 100);
    double[] stable = Judge.binary(0, 400);
    Verdict v = judge.judge(ERRORS, "om", canary, stable, 0.3, 0);
    assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(v.explanation())
        .contains("above max 0.05", "significantly worse", "canary 0.3 over 100");
  }

  @Test
  void withoutStableSamplesOnlyTheCeilingJudgesAndWithoutOneNothingDoes() {
    double[] canary = Judge.binary(0, 100);
    Verdict withMax = judge.judge(ERRORS, "om", canary, new double[0], 0, Double.NaN);
    assertThat(withMax.outcome()).isEqualTo(Outcome.PASS);
    assertThat(withMax.explanation()).contains("no comparison: stable had 0");
    Verdict noMax =
        judge.judge(LATENCY, "om", normal(9, 50, 0.02, 0.001), new double[0], 0.02, Double.NaN);
    assertThat(noMax.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(noMax.explanation()).contains("no max");
  }

  private static double[] normal(long seed, int n, double mean, double sd) {
    Random r = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + sd * r.nextGaussian();
    }
    return out;
  }

  private static double p95(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[(int) Math.ceil(0.95 * s.length) - 1];
  }
}
