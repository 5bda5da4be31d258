package oasis.analysis;

import java.util.Map;
import java.util.NavigableMap;

/** Quantiles and samples from the cumulative buckets of a Prometheus histogram. */
public final class Histograms {

  private Histograms() {}

  /**
   * The {@code q} quantile as Prometheus' {@code histogram_quantile} computes it: linear
   * interpolation inside the bucket that holds the rank; NaN without observations; the highest
   * finite bound when the rank falls in the {@code +Inf} bucket.
   */
  public static double quantile(double q, NavigableMap<Double, Double> cumulative) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
      if (b.getValue() >= rank) {
        if (b.getKey().isInfinite()) {
          return lowerBound;
        }
        double inBucket = b.getValue() - lowerCount;
        return inBucket <= 0
            ? b.getKey()
            : lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = b.getKey();
      lowerCount = b.getValue();
    }
    return lowerBound;
  }

  /**
   * One value per observation, each the upper bound of its bucket ({@code +Inf} becomes twice the
   * highest finite bound): what a rank test needs, since only the order of values matters.
   */
  public static double[] observations(NavigableMap<Double, Double> cumulative) {
    double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    double[] out = new double[(int) Math.max(0, Math.round(total))];
    int i = 0;
    double previous = 0;
    double highest = 0;
    for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
      double value = b.getKey().isInfinite() ? (highest > 0 ? highest * 2 : 1) : b.getKey();
      long n = Math.round(b.getValue() - previous);
      for (long k = 0; k < n && i < out.length; k++) {
        out[i++] = value;
      }
      previous = b.getValue();
      if (!b.getKey().isInfinite()) {
        highest = b.getKey();
      }
    }
    return i == out.length ? out : java.util.Arrays.copyOf(out, i);
  }

  /**
   * The first bucket bound at or above {@code threshold}: calls above it are certainly slower than
   * {@code threshold}. NaN when there are no buckets; the highest finite bound when the threshold
   * is above every one.
   */
  public static double boundAtOrAbove(double threshold, NavigableMap<Double, Double> cumulative) {
    Double b = cumulative.ceilingKey(threshold);
    if (b != null && !b.isInfinite()) {
      return b;
    }
    Double below = cumulative.lowerKey(Double.POSITIVE_INFINITY);
    return below == null ? Double.NaN : below;
  }

  /** How many observations were above the bucket bound {@code bound}. */
  public static long above(double bound, NavigableMap<Double, Double> cumulative) {
    if (cumulative.isEmpty()) {
      return 0;
    }
    double total = cumulative.lastEntry().getValue();
    Double atBound = cumulative.get(bound);
    return Math.max(0, Math.round(total - (atBound == null ? 0 : atBound)));
  }
}
