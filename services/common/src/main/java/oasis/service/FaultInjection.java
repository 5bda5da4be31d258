package oasis.service;

import java.math.BigDecimal;

/**
 * Faults injected into the service's own gRPC calls for release testing: a share of calls failing
 * with UNAVAILABLE and a fixed added latency. Off by default.
 */
public record FaultInjection(double errorRate, long latencyMillis) {
  /** No faults. */
  public static final FaultInjection OFF = new FaultInjection(0, 0);

  /** Reads {@code OASIS_FAULT_ERROR_RATE} (0..1) and {@code OASIS_FAULT_LATENCY_MS} (0..60000). */
  public static FaultInjection from(ServiceConfig config) {
    BigDecimal rate =
        config.decimal("OASIS_FAULT_ERROR_RATE", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
    int latency = config.integer("OASIS_FAULT_LATENCY_MS", 0, 0, 60_000);
    return new FaultInjection(rate.doubleValue(), latency);
  }

  /** True when any fault is configured. */
  public boolean enabled() {
    return errorRate > 0 || latencyMillis > 0;
  }
}
