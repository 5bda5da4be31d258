package oasis.config;

import java.util.List;

/**
 * An analysis as {@code oasis.yaml} writes it; in a canary step, unset fields take the
 * environment's values.
 *
 * @param interval how long each measurement lasts ({@code 5s})
 * @param count how many measurements
 * @param failureLimit failed measurements tolerated; one more fails the rollout
 * @param inconclusiveLimit inconclusive measurements tolerated; one more pauses the rollout
 * @param minSamples fewer observations than this in a measurement are inconclusive
 * @param alpha significance level of the Mann-Whitney U comparison
 * @param prometheus a Prometheus server to read from instead of the services' /metrics
 * @param conditions what is checked
 */
public record AnalysisConfig(
    String interval,
    Integer count,
    Integer failureLimit,
    Integer inconclusiveLimit,
    Integer minSamples,
    Double alpha,
    Prometheus prometheus,
    List<ConditionConfig> conditions) {

  /** Every field unset: a canary step's "use the environment's analysis". */
  public static AnalysisConfig inherit() {
    return new AnalysisConfig(null, null, null, null, null, null, null, null);
  }

  /** 3 × 5 s, one failure tolerated, 20 calls minimum, alpha 0.05, error rate ≤ 5%, p95 ≤ 0.5 s. */
  public static AnalysisConfig defaults() {
    return new AnalysisConfig(
        "5s",
        3,
        1,
        1,
        20,
        0.05,
        null,
        List.of(
            new ConditionConfig(null, "errorRate", null, null, 0.05, null, null),
            new ConditionConfig(null, "latencyP95", null, null, 0.5, null, null)));
  }

  /** These values where set, else {@code base}'s. */
  public AnalysisConfig over(AnalysisConfig base) {
    return new AnalysisConfig(
        interval != null ? interval : base.interval,
        count != null ? count : base.count,
        failureLimit != null ? failureLimit : base.failureLimit,
        inconclusiveLimit != null ? inconclusiveLimit : base.inconclusiveLimit,
        minSamples != null ? minSamples : base.minSamples,
        alpha != null ? alpha : base.alpha,
        prometheus != null ? prometheus : base.prometheus,
        conditions != null ? conditions : base.conditions);
  }

  /**
   * A Prometheus server's HTTP API.
   *
   * @param url e.g. {@code http://127.0.0.1:9090}
   * @param selector matchers that pick a component's series, {@code $component} replaced (default
   *     {@code job="$component"})
   */
  public record Prometheus(String url, String selector) {
    public Prometheus {
      selector = selector == null ? "job=\"$component\"" : selector;
    }
  }

  /**
   * One condition.
   *
   * @param name how verdicts name it (default: the metric)
   * @param metric {@code errorRate}, {@code latencyP95}, {@code latencyP99} or {@code query}
   * @param component the component it applies to (default: every component with a canary)
   * @param method regular expression of the gRPC methods counted (default: all but health, ops)
   * @param max the canary's ceiling
   * @param maxDelta how much worse than stable a significantly different canary may be
   * @param query PromQL for {@code metric: query}, with {@code $track} and {@code $component}
   */
  public record ConditionConfig(
      String name,
      String metric,
      String component,
      String method,
      Double max,
      Double maxDelta,
      String query) {}
}
