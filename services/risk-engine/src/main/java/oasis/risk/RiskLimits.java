package oasis.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Pre-trade limits; money and quantities exact.
 *
 * @param maxOrderQuantity largest quantity of one order
 * @param maxNotional largest quantity × last price of one order
 * @param maxPosition largest absolute position per symbol, counting orders in flight
 * @param maxOpenOrders most orders working at once (in flight or resting)
 * @param minConfidence lowest signal confidence accepted (a score in [0, 1])
 * @param signalsPerSecond most signals validated per second, 0 for no limit
 * @param killSwitch when on, every signal is rejected
 */
public record RiskLimits(
    BigDecimal maxOrderQuantity,
    BigDecimal maxNotional,
    BigDecimal maxPosition,
    int maxOpenOrders,
    double minConfidence,
    int signalsPerSecond,
    boolean killSwitch) {

  /** Checks that every limit is present. */
  public RiskLimits {
    Objects.requireNonNull(maxOrderQuantity, "maxOrderQuantity");
    Objects.requireNonNull(maxNotional, "maxNotional");
    Objects.requireNonNull(maxPosition, "maxPosition");
  }

  /** The same limits with the kill switch set to {@code on}. */
  public RiskLimits withKillSwitch(boolean on) {
    return new RiskLimits(
        maxOrderQuantity,
        maxNotional,
        maxPosition,
        maxOpenOrders,
        minConfidence,
        signalsPerSecond,
        on);
  }
}
