package oasis.analysis;

import org.apache.commons.numbers.gamma.LogBeta;

/**
 * Confidence sequences for the share of "bad" calls (failed, or slower than a threshold) of one
 * track: intervals that hold the true share at every moment at once with probability at least
 * {@code 1 - alpha}, so they may be looked at after every call and stopped on at any time.
 *
 * <p>Robbins' mixture martingale: for a candidate share {@code p}, the likelihood ratio of a
 * Beta(1/2, 1/2) mixture against {@code p} after {@code bad} of {@code n} calls is {@code
 * B(1/2+bad, 1/2+n-bad) / B(1/2, 1/2) / (p^bad (1-p)^(n-bad))}, a nonnegative martingale under
 * {@code p}; by Ville's inequality it ever exceeds {@code 1/alpha} with probability at most {@code
 * alpha}. The interval is every {@code p} it has not exceeded (an interval, as the log-likelihood
 * is concave in {@code p}).
 */
public final class ConfidenceSequence {

  private static final double PRIOR = 0.5;
  private static final int BISECTIONS = 60;

  private ConfidenceSequence() {}

  /** The interval {@code [lower, upper]} of shares consistent with {@code bad} of {@code n}. */
  public record Interval(double lower, double upper) {}

  public static Interval of(long bad, long n, double alpha) {
    if (n <= 0) {
      return new Interval(0, 1);
    }
    double threshold = Math.log(1 / alpha);
    double mixture = LogBeta.value(PRIOR + bad, PRIOR + n - bad) - LogBeta.value(PRIOR, PRIOR);
    double mle = (double) bad / n;
    double lower = bad == 0 ? 0 : root(bad, n, mixture, threshold, 0, mle);
    double upper = bad == n ? 1 : root(bad, n, mixture, threshold, 1, mle);
    return new Interval(lower, upper);
  }

  /** Log of the mixture martingale at share {@code p}. */
  static double logMartingale(long bad, long n, double p) {
    double mixture = LogBeta.value(PRIOR + bad, PRIOR + n - bad) - LogBeta.value(PRIOR, PRIOR);
    return mixture - logLikelihood(bad, n, p);
  }

  private static double logLikelihood(long bad, long n, double p) {
    double l = 0;
    if (bad > 0) {
      l += bad * Math.log(p);
    }
    if (n - bad > 0) {
      l += (n - bad) * Math.log1p(-p);
    }
    return l;
  }

  /** Where, between {@code outside} and the MLE, the martingale crosses {@code threshold}. */
  private static double root(
      long bad, long n, double mixture, double threshold, double outside, double mle) {
    double in = mle;
    double out = outside;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (in + out) / 2;
      if (mixture - logLikelihood(bad, n, mid) < threshold) {
        in = mid;
      } else {
        out = mid;
      }
    }
    return in;
  }
}
