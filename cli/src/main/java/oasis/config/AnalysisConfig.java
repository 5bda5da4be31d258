package oasis.config;

import java.util.List;

/**
 * An analysis as {@code oasis.yaml} writes it; in a canary step, unset fields take the
 * environment's values.
 *
 * @param interval how often the counters are read (at most every second) and, with {@code count},
 *     the default budget
 * @param count see {@code interval}; also the windows of the fixed-window judge
 * @param failureLimit fixed-window judge: failed windows tolerated
 * @param inconclusiveLimit fixed-window judge: inconclusive windows tolerated
 * @param minSamples custom queries: fewer values are inconclusive; latency: stable calls needed
 *     before stable's own quantile sets the latency threshold
 * @param alpha chance of a false fail of a condition over one analysis (sequential tests)
 * @param prometheus a Prometheus server to read from instead of the services' /metrics
 * @param conditions what is checked
 * @param budget how long one analysis may take before it is inconclusive (default {@code count ×
 *     interval})
 * @param tolerance how much larger the canary's share of bad calls may be and still pass (0.05)
 * @param onInconclusive {@code abort} or {@code pause} (default: abort where real money trades,
 *     else pause)
 * @param maxInconclusive how long a rollout may stay inconclusive before it is aborted (60s)
 * @param pausedWeight the canary's weight while a rule holds the rollout (default 0 where real
 *     money trades, else the step's weight)
 * @param traffic analysis traffic
 */
public record AnalysisConfig(
    String interval,
    Integer count,
    Integer failureLimit,
    Integer inconclusiveLimit,
    Integer minSamples,
    Double alpha,
    Prometheus prometheus,
    List<ConditionConfig> conditions,
    String budget,
    Double tolerance,
    String onInconclusive,
    String maxInconclusive,
    Integer pausedWeight,
    Traffic traffic) {

  public static final String ABORT = "abort";
  public static final String PAUSE = "pause";

  /** Every field unset: a canary step's "use the environment's analysis". */
  public static AnalysisConfig inherit() {
    return new AnalysisConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The 8 fields of the fixed-window analysis; the sequential ones unset. */
  public AnalysisConfig(
      String interval,
      Integer count,
      Integer failureLimit,
      Integer inconclusiveLimit,
      Integer minSamples,
      Double alpha,
      Prometheus prometheus,
      List<ConditionConfig> conditions) {
    this(
        interval,
        count,
        failureLimit,
        inconclusiveLimit,
        minSamples,
        alpha,
        prometheus,
        conditions,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Read every second for up to 3 × 5 s, alpha 0.05, error rate ≤ 5%, p95 ≤ 0.5 s, maxInconclusive
   * 60 s.
   */
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
            new ConditionConfig(null, "latencyP95", null, null, 0.5, null, null)),
        null,
        0.05,
        null,
        "60s",
        null,
        null);
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
        conditions != null ? conditions : base.conditions,
        budget != null ? budget : base.budget,
        tolerance != null ? tolerance : base.tolerance,
        onInconclusive != null ? onInconclusive : base.onInconclusive,
        maxInconclusive != null ? maxInconclusive : base.maxInconclusive,
        pausedWeight != null ? pausedWeight : base.pausedWeight,
        traffic != null ? traffic : base.traffic);
  }

  /**
   * Calls oasis sends to each track while an analysis runs, when organic traffic is too thin to
   * decide on: read-only calls, labelled as analysis traffic (strategy {@code oasis-analysis}). On
   * by default where only paper money trades; where real money trades only when {@code enabled} is
   * set explicitly.
   *
   * @param enabled whether to send any
   * @param rate calls per second to each track (default 10)
   */
  public record Traffic(Boolean enabled, Double rate) {
    public static final double DEFAULT_RATE = 10;
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
