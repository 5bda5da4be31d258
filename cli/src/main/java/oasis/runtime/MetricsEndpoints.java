package oasis.runtime;

import java.util.List;

/**
 * Where the instances of a component's track serve {@code /metrics}, known from what the target was
 * asked to run (no probing: an analysis reads them every few seconds).
 */
public interface MetricsEndpoints {

  /** The {@code /metrics} URLs of {@code component}'s instances on {@code track}. */
  List<String> metrics(String component, String track);
}
