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
    Case k = new Case(c, component, canary, stable, canaryValue, stableValue, alpha);
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
      return k.verdict(
          Outcome.INCONCLUSIVE,
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
    Comparison cmp = compare(k);
    if (cmp.worse()) {
      failures.add("canary is significantly worse than stable (" + cmp.text() + ")");
    }
    if (!failures.isEmpty()) {
      return k.verdict(
          Outcome.FAIL, cmp.u(), cmp.p(), "fail: " + String.join("; ", failures) + "; " + values);
    }
    if (!cmp.compared() && c.max() == null) {
      return k.verdict(
          Outcome.INCONCLUSIVE,
          cmp.u(),
          cmp.p(),
          "inconclusive: " + cmp.text() + " and the condition has no max; " + values);
    }
    return k.verdict(
        Outcome.PASS,
        cmp.u(),
        cmp.p(),
        "pass: "
            + values
            + (c.max() == null ? "" : ", max " + fmt(c.max(), unit))
            + "; "
            + cmp.text());
  }

  /** One condition of one component: what both tracks showed. */
  private record Case(
      Condition c,
      String component,
      double[] canary,
      double[] stable,
      double canaryValue,
      double stableValue,
      double alpha) {

    Verdict verdict(Outcome outcome, double u, double p, String why) {
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
  }

  /**
   * The rank test of canary against stable: whether there were enough stable observations to run
   * it, U and p (NaN when not), its text, and whether the canary is significantly worse by more
   * than the allowed delta.
   */
  private record Comparison(boolean compared, double u, double p, String text, boolean worse) {}

  private Comparison compare(Case k) {
    Condition c = k.c();
    if (k.stable().length < minSamples) {
      return new Comparison(
          false,
          Double.NaN,
          Double.NaN,
          "no comparison: stable had "
              + k.stable().length
              + " observation(s), fewer than minSamples "
              + minSamples,
          false);
    }
    MannWhitneyUTest.Result r = MWU.test(k.canary(), k.stable());
    double u = r.getStatistic();
    double p = r.getPValue();
    double delta = k.canaryValue() - k.stableValue();
    boolean significant = p < alpha;
    String text =
        String.format(
            Locale.ROOT,
            "Mann-Whitney U=%.1f, p=%.4g %s alpha %s, delta %s %s maxDelta %s",
            u,
            p,
            significant ? "<" : ">=",
            num(alpha),
            fmt(delta, c.unit()),
            delta > c.maxDelta() ? ">" : "<=",
            fmt(c.maxDelta(), c.unit()));
    return new Comparison(true, u, p, text, significant && delta > c.maxDelta());
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
