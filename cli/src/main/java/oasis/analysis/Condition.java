package oasis.analysis;

import java.util.List;

/**
 * One thing an analysis checks of the canary against stable.
 *
 * @param name how verdicts name it
 * @param kind what is measured
 * @param component the component it applies to; null for every component with a canary
 * @param method regular expression of the gRPC methods counted; null for all of the service's own
 *     methods (health, reflection and ops calls never count)
 * @param max the canary fails when its value is above this; null for no ceiling
 * @param maxDelta how much worse than stable the canary may be before a significant difference
 *     fails it (rate for error rates, seconds for latencies, units of the query otherwise)
 * @param query PromQL for {@link Kind#QUERY}, with {@code $track} and {@code $component}
 */
public record Condition(
    String name,
    Kind kind,
    String component,
    String method,
    Double max,
    Double maxDelta,
    String query) {

  /** What a condition measures. */
  public enum Kind {
    ERROR_RATE("errorRate"),
    LATENCY_P95("latencyP95"),
    LATENCY_P99("latencyP99"),
    QUERY("query");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** By its {@code oasis.yaml} name; null when unknown. */
    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label.equalsIgnoreCase(label)) {
          return k;
        }
      }
      return null;
    }

    public static List<String> labels() {
      return java.util.Arrays.stream(values()).map(Kind::label).toList();
    }
  }

  /** Health, reflection and ops calls: probes, not traffic. */
  public static final String EXEMPT_METHODS =
      "grpc\\.health\\..*|grpc\\.reflection\\..*|oasis\\.ops\\..*";

  public Condition {
    name = name == null ? kind.label() : name;
    if (maxDelta == null) {
      maxDelta =
          switch (kind) {
            case ERROR_RATE -> 0.01;
            case LATENCY_P95, LATENCY_P99 -> 0.05;
            case QUERY -> 0.0;
          };
    }
  }

  /** The matchers of the calls this condition counts. */
  public List<LabelMatcher> calls() {
    return method == null
        ? List.of(LabelMatcher.notMatches("method", EXEMPT_METHODS))
        : List.of(
            LabelMatcher.notMatches("method", EXEMPT_METHODS),
            LabelMatcher.matches("method", method));
  }

  /** The unit its values are shown in. */
  public String unit() {
    return switch (kind) {
      case ERROR_RATE -> "";
      case LATENCY_P95, LATENCY_P99 -> " s";
      case QUERY -> "";
    };
  }

  public double quantile() {
    return kind == Kind.LATENCY_P99 ? 0.99 : 0.95;
  }

  String describe() {
    return name + (component == null ? "" : " of " + component);
  }
}
