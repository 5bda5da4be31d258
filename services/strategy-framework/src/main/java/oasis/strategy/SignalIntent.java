package oasis.strategy;

import java.util.Map;
import java.util.Objects;
import trading.contracts.Side;

/**
 * What a strategy wants to do after a trade: buy or sell a symbol with some conviction.
 *
 * @param confidence a score in [0, 1], not a money amount
 */
public record SignalIntent(
    String symbol, Side side, double confidence, Map<String, String> metadata) {

  /** Checks the side and the confidence range; copies the metadata. */
  public SignalIntent {
    Objects.requireNonNull(symbol, "symbol");
    if (side != Side.BUY && side != Side.SELL) {
      throw new IllegalArgumentException("side must be BUY or SELL");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
    metadata = Map.copyOf(metadata);
  }
}
