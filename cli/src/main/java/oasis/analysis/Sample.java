package oasis.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * One sample of a metric: {@code name{labels} value}, as the Prometheus text format or the HTTP API
 * gives it.
 */
public record Sample(String name, Map<String, String> labels, double value) {

  public Sample {
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
  }

  public String label(String name) {
    return labels.get(name);
  }
}
