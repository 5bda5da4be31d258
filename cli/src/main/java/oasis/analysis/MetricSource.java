package oasis.analysis;

import java.util.List;
import java.util.OptionalDouble;

/** Where the judge reads metrics: the services' {@code /metrics}, or a Prometheus server. */
public interface MetricSource {

  /**
   * The current cumulative values of {@code metrics} (exact names, e.g. {@code
   * grpc_server_errors_total}) of {@code component}'s instances on {@code track}.
   */
  Snapshot snapshot(String component, String track, List<String> metrics);

  /**
   * The value of a custom PromQL query, with {@code $track} and {@code $component} replaced; empty
   * when the query gives no value. Sources without a query language refuse.
   */
  OptionalDouble query(String component, String track, String promQl);

  /** Whether {@link #query} works here. */
  boolean supportsQueries();

  /** For explanations: {@code /metrics of 2 instances}, {@code prometheus http://...}. */
  String describe();
}
