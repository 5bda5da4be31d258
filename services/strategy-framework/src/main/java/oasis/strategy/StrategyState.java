package oasis.strategy;

import java.util.Objects;
import trading.contracts.TradingMode;

/** A strategy's run-time switches: whether it may signal, and in which mode its signals trade. */
public record StrategyState(boolean enabled, TradingMode mode) {

  /** Enabled, paper trading: the state every strategy starts in. */
  public static final StrategyState DEFAULT = new StrategyState(true, TradingMode.PAPER);

  /** Checks that the mode is PAPER or REAL. */
  public StrategyState {
    Objects.requireNonNull(mode, "mode");
    if (mode != TradingMode.PAPER && mode != TradingMode.REAL) {
      throw new IllegalArgumentException("mode must be PAPER or REAL");
    }
  }

  /** This state with {@code enabled} changed. */
  public StrategyState withEnabled(boolean value) {
    return new StrategyState(value, mode);
  }

  /** This state with {@code mode} changed. */
  public StrategyState withMode(TradingMode value) {
    return new StrategyState(enabled, value);
  }
}
