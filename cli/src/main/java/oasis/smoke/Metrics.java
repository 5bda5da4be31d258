package oasis.smoke;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of a service's {@code /metrics} in the Prometheus text format (version 0.0.4), parsed
 * by a small strict parser: samples with their labels, and the declared metric families.
 */
public final class Metrics {

  /** One sample line: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

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
    List<Sample> samples = new ArrayList<>();
    Set<String> families = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          String[] parts = line.split("\\s+", 4);
          if (parts.length >= 3 && ("TYPE".equals(parts[1]) || "HELP".equals(parts[1]))) {
            families.add(parts[2]);
          }
          continue;
        }
        Sample s = sample(line);
        samples.add(s);
        families.add(s.name());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is not in the Prometheus text format: " + e.getMessage(), e);
      }
    }
    return new Metrics(samples, families);
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("bad metric name '" + name + "'");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
          i++;
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("unclosed label set");
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label without =\"value\"");
        }
        String key = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\' && j + 1 < line.length()) {
            char n = line.charAt(++j);
            value.append(n == 'n' ? '\n' : n);
          } else {
            value.append(c);
          }
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("unterminated label value of '" + key + "'");
        }
        labels.put(key, value.toString());
        i = j + 1;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
      throw new IllegalArgumentException("expected a value (and an optional timestamp)");
    }
    return new Sample(name, labels, value(rest[0]));
  }

  private static double value(String token) {
    return switch (token) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(token);
    };
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
        String le = s.labels().get("le");
        if (le == null) {
          throw new IllegalArgumentException(name + "_bucket sample without an 'le' label");
        }
        buckets.merge(value(le), s.value(), Double::sum);
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

    /**
     * The {@code q} quantile as PromQL's histogram_quantile estimates it: linear within the bucket
     * that holds the rank; the highest finite bound when the rank falls in the +Inf bucket; NaN
     * without observations.
     */
    public double quantile(double q) {
      double total = count();
      if (total <= 0) {
        return Double.NaN;
      }
      double rank = q * total;
      double lowerBound = 0;
      double lowerCount = 0;
      for (Map.Entry<Double, Double> b : buckets.entrySet()) {
        if (b.getValue() >= rank) {
          if (b.getKey().isInfinite()) {
            return lowerBound;
          }
          double inBucket = b.getValue() - lowerCount;
          if (inBucket <= 0) {
            return b.getKey();
          }
          return lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
        }
        lowerBound = b.getKey().isInfinite() ? lowerBound : b.getKey();
        lowerCount = b.getValue();
      }
      return lowerBound;
    }
  }
}
