package oasis.smoke;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import oasis.analysis.Histograms;
import oasis.analysis.PromText;
import oasis.analysis.Sample;

/**
 * One scrape of a service's {@code /metrics} in the Prometheus text format (version 0.0.4): its
 * samples (parsed by {@link PromText}, as canary analysis reads them) and the declared metric
 * families.
 */
public final class Metrics {

  private final List<Sample> samples;
  private final Set<String> families;

  private Metrics(List<Sample> samples, Set<String> families) {
    this.samples = List.copyOf(samples);
    this.families = Set.copyOf(families);
  }

  public static Metrics empty() {
    return new Metrics(List.of(), Set.of());
  }

  /** Parses the text format; a malformed line throws IllegalArgumentException naming its number. */
  public static Metrics parse(String text) {
    List<Sample> samples;
    try {
      samples = PromText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not in the Prometheus text format: " + e.getMessage(), e);
    }
    Set<String> families = new HashSet<>();
    text.lines()
        .map(String::strip)
        .filter(l -> l.startsWith("# TYPE ") || l.startsWith("# HELP "))
        .map(l -> l.split("\\s+", 4))
        .filter(parts -> parts.length >= 3)
        .forEach(parts -> families.add(parts[2]));
    samples.forEach(sample -> families.add(sample.name()));
    return new Metrics(samples, families);
  }

  /** Whether the scrape declares or carries the family {@code name}. */
  public boolean has(String name) {
    return families.contains(name)
        || families.contains(name + "_total")
        || families.contains(name + "_count");
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The sum of the samples named {@code name} whose labels pass {@code filter}. */
  public double sum(String name, Predicate<Map<String, String>> filter) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && filter.test(s.labels()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /**
   * The histogram {@code name} summed over all label sets that pass {@code filter} (e.g. over
   * methods and codes): cumulative count by upper bound.
   */
  public Histogram histogram(String name, Predicate<Map<String, String>> filter) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name + "_bucket") && filter.test(s.labels())) {
        String le = s.label("le");
        if (le == null) {
          throw new IllegalArgumentException(name + "_bucket sample without an 'le' label");
        }
        buckets.merge(PromText.value(le), s.value(), Double::sum);
      }
    }
    return new Histogram(buckets);
  }

  /**
   * A classic histogram: cumulative counts by upper bound ({@code +Inf} last).
   *
   * @param buckets upper bound to the count of observations at or below it
   */
  public record Histogram(TreeMap<Double, Double> buckets) {

    public Histogram {
      buckets = new TreeMap<>(buckets);
    }

    /** Observations in all. */
    public double count() {
      return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /** This histogram minus an earlier scrape of it: the observations in between. */
    public Histogram since(Histogram earlier) {
      TreeMap<Double, Double> out = new TreeMap<>();
      buckets.forEach(
          (le, n) -> out.put(le, Math.max(0, n - earlier.buckets.getOrDefault(le, 0.0))));
      return new Histogram(out);
    }

    /** The {@code q} quantile as PromQL's histogram_quantile estimates it (NaN when empty). */
    public double quantile(double q) {
      return Histograms.quantile(q, buckets);
    }
  }
}
