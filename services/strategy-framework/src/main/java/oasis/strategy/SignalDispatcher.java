package oasis.strategy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** Turns trades into signals through the runner, sends them, and counts the verdicts. */
public final class SignalDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SignalDispatcher.class);

  private final StrategyRunner runner;
  private final SignalSender sender;
  private final StrategyMetrics metrics;

  /** Wires the runner to the sender. */
  public SignalDispatcher(StrategyRunner runner, SignalSender sender, StrategyMetrics metrics) {
    this.runner = runner;
    this.sender = sender;
    this.metrics = metrics;
  }

  /** Feeds one trade; returns the number of signals the risk engine accepted. */
  public int onTrade(Trade trade) {
    metrics.tradeProcessed();
    List<TradingSignal> signals = runner.onTrade(trade);
    int accepted = 0;
    for (TradingSignal signal : signals) {
      try {
        SignalValidationResponse verdict = sender.send(signal);
        metrics.validated(verdict.getApproved());
        if (verdict.getApproved()) {
          accepted++;
          LOG.info(
              "{} {} {} accepted: order {} {}",
              signal.getStrategyId(),
              signal.getSide(),
              signal.getSymbol(),
              verdict.getSubmission().getOrderId(),
              verdict.getSubmission().getStatus());
        } else {
          LOG.info(
              "{} {} {} rejected: {} {}",
              signal.getStrategyId(),
              signal.getSide(),
              signal.getSymbol(),
              verdict.getRejectCode(),
              verdict.getReason());
        }
      } catch (SendException e) {
        metrics.signalError();
        LOG.warn("signal from {} not sent: {}", signal.getStrategyId(), e.getMessage());
      }
    }
    return accepted;
  }

  /** Applies one control command and counts it. */
  public CommandResult onCommand(oasis.control.v1.ControlCommand command) {
    CommandResult result = runner.apply(command);
    metrics.command(result);
    LOG.info("control command {} {}: {}", command.getCommandId(), command.getType(), result);
    return result;
  }
}
