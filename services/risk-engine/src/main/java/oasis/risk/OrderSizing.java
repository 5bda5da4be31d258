package oasis.risk;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import oasis.service.decimal.Decimals;
import trading.contracts.TradingSignal;

/**
 * How big an order a signal becomes. The rule: the signal's {@code quantity} metadata when it
 * carries one; else the quantity configured for its symbol ({@code RISK_ORDER_QUANTITIES}); else
 * the default ({@code RISK_ORDER_QUANTITY}). Quantities have at most {@value #MAX_SCALE} decimals.
 */
public record OrderSizing(BigDecimal defaultQuantity, Map<String, BigDecimal> perSymbol) {
  /** Decimals a quantity may carry (positions are kept as integers of 1e-8 units in Redis). */
  public static final int MAX_SCALE = 8;

  /** Copies the per-symbol map and checks the configured scales. */
  public OrderSizing {
    perSymbol = Map.copyOf(perSymbol);
    checkScale(defaultQuantity);
    perSymbol.values().forEach(OrderSizing::checkScale);
  }

  /**
   * The order quantity for {@code signal}; throws IllegalArgumentException for a bad metadata
   * value.
   */
  public BigDecimal quantityFor(TradingSignal signal) {
    String requested = signal.getMetadataMap().get("quantity");
    if (requested != null) {
      return checkScale(Decimals.parsePositive("metadata quantity", requested));
    }
    return Optional.ofNullable(perSymbol.get(signal.getSymbol())).orElse(defaultQuantity);
  }

  private static BigDecimal checkScale(BigDecimal quantity) {
    if (quantity.stripTrailingZeros().scale() > MAX_SCALE) {
      throw new IllegalArgumentException(
          "quantity " + quantity.toPlainString() + " has more than " + MAX_SCALE + " decimals");
    }
    return quantity;
  }
}
