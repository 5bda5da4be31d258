package oasis.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The fixed-sample judge: custom queries at the end of an analysis, and the old fixed-window judge
 * the benchmark compares the sequential one with. Judges the canary against stable on one
 * condition: too few canary observations is inconclusive; a canary value above the ceiling fails; a
 * canary significantly worse than stable (one-sided Mann-Whitney U, p below alpha) by more than the
 * allowed delta fails; otherwise it passes. Without enough stable observations only the ceiling can
 * judge, and without a ceiling nothing can: inconclusive.
 */
public final class Judge {

  private static final MannWhitneyUTest MWU =
      MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

  private final int minSamples;
  private final double alpha;

  public Judge(int minSamples, double alpha) {
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1");
    }
    this.minSamples = minSamples;
    this.alpha = alpha;
  }

  /**
   * @param canary the canary's observations (e.g. 1 per failed call and 0 per good one)
   * @param stable stable's observations
   * @param canaryValue the canary's summary value (e.g. its error rate)
   * @param stableValue stable's summary value
   */
  public Verdict judge(
      Condition c,
      String component,
      double[] canary,
      double[] stable,
      double canaryValue,
      double stableValue) {
    String unit = c.unit();
    String values =
        "canary "
            + fmt(canaryValue, unit)
            + " over "
            + canary.length
            + ", stable "
            + fmt(stableValue, unit)
            + " over "
            + stable.length;
    if (canary.length < minSamples) {
      return verdict(
          c,
          component,
          Outcome.INCONCLUSIVE,
          canary,
          stable,
          canaryValue,
          stableValue,
          Double.NaN,
          Double.NaN,
          "inconclusive: the canary had "
              + canary.length
              + " observation(s), fewer than minSamples "
              + minSamples
              + " (does it receive traffic?); "
              + values);
    }
    List<String> failures = new ArrayList<>();
    if (c.max() != null && canaryValue > c.max()) {
      failures.add("canary " + fmt(canaryValue, unit) + " is above max " + fmt(c.max(), unit));
    }
    double u = Double.NaN;
    double p = Double.NaN;
    String comparison;
    if (stable.length >= minSamples) {
      MannWhitneyUTest.Result r = MWU.test(canary, stable);
      u = r.getStatistic();
      p = r.getPValue();
      double delta = canaryValue - stableValue;
      boolean significant = p < alpha;
      comparison =
          String.format(
              Locale.ROOT,
              "Mann-Whitney U=%.1f, p=%.4g %s alpha %s, delta %s %s maxDelta %s",
              u,
              p,
              significant ? "<" : ">=",
              num(alpha),
              fmt(delta, unit),
              delta > c.maxDelta() ? ">" : "<=",
              fmt(c.maxDelta(), unit));
      if (significant && delta > c.maxDelta()) {
        failures.add("canary is significantly worse than stable (" + comparison + ")");
      }
    } else {
      comparison =
          "no comparison: stable had "
              + stable.length
              + " observation(s), fewer than minSamples "
              + minSamples;
      if (c.max() == null && failures.isEmpty()) {
        return verdict(
            c,
            component,
            Outcome.INCONCLUSIVE,
            canary,
            stable,
            canaryValue,
            stableValue,
            u,
            p,
            "inconclusive: " + comparison + " and the condition has no max; " + values);
      }
    }
    if (!failures.isEmpty()) {
      return verdict(
          c,
          component,
          Outcome.FAIL,
          canary,
          stable,
          canaryValue,
          stableValue,
          u,
          p,
          "fail: " + String.join("; ", failures) + "; " + values);
    }
    return verdict(
        c,
        component,
        Outcome.PASS,
        canary,
        stable,
        canaryValue,
        stableValue,
        u,
        p,
        "pass: "
            + values
            + (c.max() == null ? "" : ", max " + fmt(c.max(), unit))
            + "; "
            + comparison);
  }

  private Verdict verdict(
      Condition c,
      String component,
      Outcome outcome,
      double[] canary,
      double[] stable,
      double canaryValue,
      double stableValue,
      double u,
      double p,
      String why) {
    return new Verdict(
        c.name(),
        component,
        outcome,
        canary.length,
        stable.length,
        canaryValue,
        stableValue,
        u,
        p,
        alpha,
        c.max(),
        c.maxDelta(),
        c.name() + " of " + component + ": " + why,
        null);
  }

  /** {@code errors} ones and {@code calls - errors} zeros: error counts as rank-test samples. */
  public static double[] binary(double errors, double calls) {
    int n = (int) Math.round(calls);
    int e = (int) Math.min(n, Math.round(errors));
    double[] out = new double[n];
    java.util.Arrays.fill(out, 0, e, 1.0);
    return out;
  }

  static String fmt(double v, String unit) {
    return Double.isNaN(v) ? "n/a" : num(v) + unit;
  }

  static String num(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v))
        .stripTrailingZeros()
        .toPlainString();
  }
}
