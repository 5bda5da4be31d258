package oasis.analysis;

import java.time.Instant;
import java.util.Locale;

/**
 * Judges the canary against stable on one condition, sequentially: valid however often it is asked
 * (every second, for as long as the analysis runs) at significance {@code alpha}.
 *
 * <p>Both conditions become a share of bad calls: failed calls (error rate), or calls slower than a
 * threshold (latency). Each track's share gets a {@link ConfidenceSequence} at {@code alpha / 2},
 * so the difference canary minus stable lies in {@code [lower, upper]} at every check at once with
 * probability at least {@code 1 - alpha}. The canary fails once {@code lower} is above the
 * condition's fail boundary (it is significantly worse by more than that) or its own share is
 * significantly above the condition's {@code max}; it passes once {@code upper} is at or below the
 * tolerance (it is significantly not worse by more than that); else the test goes on.
 */
public final class SequentialJudge {

  private final double alpha;
  private final double tolerance;

  /**
   * @param alpha chance of a false fail (and of a false pass) over the whole analysis
   * @param tolerance how much larger the canary's share of bad calls may be, and still pass
   */
  public SequentialJudge(double alpha, double tolerance) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1");
    }
    this.alpha = alpha;
    this.tolerance = tolerance;
  }

  /** Counts of one track since the analysis began: calls, and of them bad ones. */
  public record Counts(long calls, long bad) {
    double share() {
      return calls == 0 ? Double.NaN : (double) bad / calls;
    }
  }

  /**
   * @param threshold latency: seconds above which a call is bad (NaN for error rates)
   * @param failBoundary how much worse the canary's share must significantly be to fail
   * @param ceiling the canary's share must not be significantly above this (null for none)
   */
  public Verdict judge(
      Condition c,
      String component,
      Counts canary,
      Counts stable,
      double threshold,
      double failBoundary,
      Double ceiling,
      Instant at,
      long elapsedMillis) {
    ConfidenceSequence.Interval ci = ConfidenceSequence.of(canary.bad(), canary.calls(), alpha / 2);
    ConfidenceSequence.Interval si = ConfidenceSequence.of(stable.bad(), stable.calls(), alpha / 2);
    double lower = ci.lower() - si.upper();
    double upper = ci.upper() - si.lower();
    double statistic = canary.share() - stable.share();
    Decision d = decide(canary, ci, lower, upper, failBoundary, ceiling);
    Outcome decision = d.outcome();
    String why = d.why();
    String explanation = explain(c, component, why, threshold, canary, stable, lower, upper);
    Evidence e =
        new Evidence(
            at,
            elapsedMillis,
            c.name(),
            component,
            canary.calls(),
            canary.bad(),
            stable.calls(),
            stable.bad(),
            canary.share(),
            stable.share(),
            threshold,
            statistic,
            lower,
            upper,
            failBoundary,
            tolerance,
            ci.lower(),
            decision);
    return new Verdict(
        c.name(),
        component,
        decision,
        (int) canary.calls(),
        (int) stable.calls(),
        canary.share(),
        stable.share(),
        statistic,
        Double.NaN,
        alpha,
        c.max(),
        c.maxDelta(),
        explanation,
        e);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "n/a" : Judge.num(v);
  }

  /** What the bounds say, and why in one line. */
  private record Decision(Outcome outcome, String why) {}

  private Decision decide(
      Counts canary,
      ConfidenceSequence.Interval ci,
      double lower,
      double upper,
      double failBoundary,
      Double ceiling) {
    if (canary.calls() == 0) {
      return new Decision(Outcome.UNDECIDED, "undecided: no canary call yet");
    }
    if (lower > failBoundary) {
      return new Decision(
          Outcome.FAIL,
          "fail: significantly worse than stable, lower bound "
              + num(lower)
              + " > "
              + num(failBoundary));
    }
    if (ceiling != null && ci.lower() > ceiling) {
      return new Decision(
          Outcome.FAIL,
          "fail: significantly above max, the canary's own lower bound "
              + num(ci.lower())
              + " > max "
              + num(ceiling));
    }
    if (upper <= tolerance) {
      return new Decision(
          Outcome.PASS,
          "pass: significantly not worse than stable, upper bound "
              + num(upper)
              + " <= tolerance "
              + num(tolerance));
    }
    return new Decision(
        Outcome.UNDECIDED,
        "undecided: lower bound "
            + num(lower)
            + " <= "
            + num(failBoundary)
            + " and upper bound "
            + num(upper)
            + " > tolerance "
            + num(tolerance));
  }

  /** The verdict's line: the decision, both tracks' shares and the bounds of the difference. */
  private String explain(
      Condition c,
      String component,
      String why,
      double threshold,
      Counts canary,
      Counts stable,
      double lower,
      double upper) {
    String bad = Double.isNaN(threshold) ? "failed" : "slower than " + num(threshold) + " s";
    return String.format(
        Locale.ROOT,
        "%s of %s: %s; share of calls %s: canary %s (%d of %d), stable %s (%d of %d);"
            + " canary - stable in [%s, %s], valid at every check at alpha %s",
        c.name(),
        component,
        why,
        bad,
        num(canary.share()),
        canary.bad(),
        canary.calls(),
        num(stable.share()),
        stable.bad(),
        stable.calls(),
        num(lower),
        num(upper),
        num(alpha));
  }
}
