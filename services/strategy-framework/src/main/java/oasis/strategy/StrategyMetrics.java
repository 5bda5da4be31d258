package oasis.strategy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The strategy framework's metrics: trades seen, signal verdicts, send errors, commands. */
public final class StrategyMetrics {
  private final Counter trades;
  private final Counter validationResults;
  private final Counter signalErrors;
  private final Counter commands;

  /** Registers the metrics in {@code registry}. */
  public StrategyMetrics(PrometheusRegistry registry) {
    trades =
        Counter.builder()
            .name("strategy_trades_processed_total")
            .help("Normalized trades fed to the strategies")
            .register(registry);
    validationResults =
        Counter.builder()
            .name("strategy_signal_validation_result_total")
            .help("Risk engine verdicts on the signals sent, by status")
            .labelNames("status")
            .register(registry);
    signalErrors =
        Counter.builder()
            .name("strategy_signal_errors_total")
            .help("Signals that could not be sent to the risk engine")
            .register(registry);
    commands =
        Counter.builder()
            .name("strategy_control_commands_total")
            .help("Control commands received, by result")
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
