package oasis.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code oasis smoke} holds a running environment to: the {@code smoke:} section of {@code
 * oasis.yaml}. Every key is optional; the defaults are the operations guide's alert thresholds.
 *
 * @param maxErrorRate the share of a service's own gRPC calls that may fail (0..1; default 0.01)
 * @param maxConsumerLag messages a service's consumer group may be behind, summed over partitions
 *     (default 1000)
 * @param probeTimeout how long each end-to-end probe may wait, e.g. {@code 5s} (default 5s)
 * @param symbol the order probe's product (default BTC-USD)
 * @param quantity the order probe's quantity, an exact decimal string (default 0.0001)
 * @param latency p95 budgets by component as written: the histogram and its bound; {@link
 *     #budgets()} merges them over the defaults (risk-engine risk_validation_duration_seconds and
 *     order-manager order_execution_latency_seconds, 500ms each)
 */
public record SmokeConfig(
    Double maxErrorRate,
    Long maxConsumerLag,
    String probeTimeout,
    String symbol,
    String quantity,
    Map<String, LatencyBudget> latency) {

  public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
  public static final long DEFAULT_MAX_CONSUMER_LAG = 1000;
  public static final String DEFAULT_PROBE_TIMEOUT = "5s";
  public static final String DEFAULT_SYMBOL = "BTC-USD";
  public static final String DEFAULT_QUANTITY = "0.0001";

  /** The default budgets, in the order the checks run (the order path's order). */
  public static final Map<String, LatencyBudget> DEFAULT_LATENCY = defaultLatency();

  public SmokeConfig {
    maxErrorRate = maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate;
    maxConsumerLag = maxConsumerLag == null ? DEFAULT_MAX_CONSUMER_LAG : maxConsumerLag;
    probeTimeout = probeTimeout == null ? DEFAULT_PROBE_TIMEOUT : probeTimeout;
    symbol = symbol == null ? DEFAULT_SYMBOL : symbol;
    quantity = quantity == null ? DEFAULT_QUANTITY : quantity;
    latency = latency == null ? Map.of() : new LinkedHashMap<>(latency);
  }

  /**
   * The budgets: the defaults, overridden by {@code latency:}; a budget whose component a plan does
   * not run is not checked.
   */
  public Map<String, LatencyBudget> budgets() {
    Map<String, LatencyBudget> merged = new LinkedHashMap<>(DEFAULT_LATENCY);
    merged.putAll(latency);
    return merged;
  }

  private static Map<String, LatencyBudget> defaultLatency() {
    Map<String, LatencyBudget> m = new LinkedHashMap<>();
    m.put("risk-engine", new LatencyBudget("risk_validation_duration_seconds", "500ms"));
    m.put("order-manager", new LatencyBudget("order_execution_latency_seconds", "500ms"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The defaults, for a project without a {@code smoke:} section. */
  public static SmokeConfig defaults() {
    return new SmokeConfig(null, null, null, null, null, null);
  }

  /**
   * A p95 budget: {@code {metric: risk_validation_duration_seconds, p95: 500ms}}.
   *
   * @param metric a histogram in seconds the component exports
   * @param p95 the bound of its 95th percentile, e.g. {@code 250ms}
   */
  public record LatencyBudget(String metric, String p95) {}
}
