package oasis.smoke;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import oasis.config.SmokeConfig;
import oasis.core.Durations;

/**
 * The {@code smoke:} section of oasis.yaml as the suite uses it: typed, validated by the config
 * loader already.
 */
public record SmokeSettings(
    double maxErrorRate,
    long maxConsumerLag,
    Duration probeTimeout,
    String symbol,
    BigDecimal quantity,
    Map<String, Budget> latency) {

  /** A p95 bound on a histogram of one component. */
  public record Budget(String metric, Duration p95) {}

  public static SmokeSettings of(SmokeConfig c) {
    Map<String, Budget> latency = new LinkedHashMap<>();
    c.budgets().forEach((k, v) -> latency.put(k, new Budget(v.metric(), Durations.parse(v.p95()))));
    return new SmokeSettings(
        c.maxErrorRate(),
        c.maxConsumerLag(),
        Durations.parse(c.probeTimeout()),
        c.symbol(),
        new BigDecimal(c.quantity()),
        latency);
  }
}
