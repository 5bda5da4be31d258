package oasis.strategy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/** The strategy framework's metrics: trades seen, signal verdicts, send errors, commands. */
public final class StrategyMetrics {
  private final Counter trades;
  private final Counter validationResults;
  private final Counter signalErrors;
  private final Counter commands;

  /** Registers the metrics in {@code registry}, without constant labels (tests). */
  public StrategyMetrics(PrometheusRegistry registry) {
    this(registry, Labels.EMPTY);
  }

  /** Registers the metrics in {@code registry}, each with {@code constLabels} (version, track). */
  public StrategyMetrics(PrometheusRegistry registry, Labels constLabels) {
    trades =
        Counter.builder()
            .name("strategy_trades_processed_total")
            .help("Normalized trades fed to the strategies")
            .constLabels(constLabels)
            .register(registry);
    validationResults =
        Counter.builder()
            .name("strategy_signal_validation_result_total")
            .help("Risk engine verdicts on the signals sent, by status")
            .constLabels(constLabels)
            .labelNames("status")
            .register(registry);
    signalErrors =
        Counter.builder()
            .name("strategy_signal_errors_total")
            .help("Signals that could not be sent to the risk engine")
            .constLabels(constLabels)
            .register(registry);
    commands =
        Counter.builder()
            .name("strategy_control_commands_total")
            .help("Control commands received, by result")
            .constLabels(constLabels)
            .labelNames("result")
            .register(registry);
    validationResults.labelValues("accepted");
    validationResults.labelValues("rejected");
  }

  /** Counts one trade fed to the strategies. */
  public void tradeProcessed() {
    trades.inc();
  }

  /** Counts the risk engine's verdict on one signal. */
  public void validated(boolean accepted) {
    validationResults.labelValues(accepted ? "accepted" : "rejected").inc();
  }

  /** Counts a signal that could not be sent. */
  public void signalError() {
    signalErrors.inc();
  }

  /** Counts one control command by its result. */
  public void command(CommandResult result) {
    commands.labelValues(result.name()).inc();
  }
}
