package oasis.risk;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import trading.contracts.RejectReason;

/** The risk engine's metrics: validation time, position-limit breaches, validations by result. */
public final class RiskMetrics {
  private final Histogram duration;
  private final Counter breaches;
  private final Counter validations;
  private final Counter dryRuns;

  /** Registers the metrics in {@code registry}, without constant labels (tests). */
  public RiskMetrics(PrometheusRegistry registry) {
    this(registry, Labels.EMPTY);
  }

  /** Registers the metrics in {@code registry}, each with {@code constLabels} (version, track). */
  public RiskMetrics(PrometheusRegistry registry, Labels constLabels) {
    duration =
        Histogram.builder()
            .name("risk_validation_duration_seconds")
            .help("Time to validate one signal, including the order manager's acknowledgement")
            .constLabels(constLabels)
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .register(registry);
    breaches =
        Counter.builder()
            .name("risk_position_limit_breaches_total")
            .help("Signals rejected because the position would exceed its limit")
            .constLabels(constLabels)
            .register(registry);
    validations =
        Counter.builder()
            .name("risk_validations_total")
            .help("Signals validated, by result and reject reason")
            .constLabels(constLabels)
            .labelNames("result", "reason")
            .register(registry);
    dryRuns =
        Counter.builder()
            .name("risk_dry_runs_total")
            .help("Signals approved as dry runs (metadata oasis.dry_run=true): never forwarded")
            .constLabels(constLabels)
            .register(registry);
    dryRuns.inc(0); // exported from the start: smoke reads its presence as dry-run support
  }

  /** Counts one dry run approved without forwarding. */
  public void dryRun() {
    dryRuns.inc();
  }

  /** Records one validation's outcome and time. */
  public void validated(boolean approved, RejectReason reason, long nanos) {
    duration.observe(nanos / 1e9);
    validations
        .labelValues(approved ? "approved" : "rejected", approved ? "" : reason.name())
        .inc();
    if (reason == RejectReason.MAX_POSITION) {
      breaches.inc();
    }
  }
}
