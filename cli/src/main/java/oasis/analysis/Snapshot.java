package oasis.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The cumulative counters of one track at one instant (summed over its instances), and the
 * difference of two such snapshots: what happened in between.
 */
public record Snapshot(Instant at, List<Sample> samples) {

  public Snapshot {
    samples = List.copyOf(samples);
  }

  /** The sum of every sample of {@code metric} whose labels match. */
  public double sum(String metric, List<LabelMatcher> match) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(metric) && matches(s, match)) {
        total += s.value();
      }
    }
    return total;
  }

  /**
   * The cumulative buckets of histogram {@code base} ({@code base_bucket{le}}) summed over every
   * other label: upper bound to count.
   */
  public TreeMap<Double, Double> buckets(String base, List<LabelMatcher> match) {
    TreeMap<Double, Double> out = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(base + "_bucket") && s.label("le") != null && matches(s, match)) {
        out.merge(PromText.value(s.label("le")), s.value(), Double::sum);
      }
    }
    return out;
  }

  /**
   * This snapshot minus an earlier one, series by series. A series that went down (a restarted
   * process) counts from zero, as Prometheus' {@code increase} does.
   */
  public Snapshot minus(Snapshot earlier) {
    Map<String, Double> before = new HashMap<>();
    for (Sample s : earlier.samples) {
      before.merge(key(s), s.value(), Double::sum);
    }
    Map<String, Sample> now = new TreeMap<>();
    for (Sample s : samples) {
      now.merge(key(s), s, (a, b) -> new Sample(a.name(), a.labels(), a.value() + b.value()));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : now.values()) {
      double prev = before.getOrDefault(key(s), 0.0);
      out.add(new Sample(s.name(), s.labels(), s.value() >= prev ? s.value() - prev : s.value()));
    }
    return new Snapshot(at, out);
  }

  private static String key(Sample s) {
    return s.name() + s.labels();
  }

  private static boolean matches(Sample s, List<LabelMatcher> match) {
    Predicate<Map<String, String>> all = l -> match.stream().allMatch(m -> m.test(l));
    return all.test(s.labels());
  }
}
