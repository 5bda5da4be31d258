package oasis.service.marketdata;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last traded price per symbol, as read from the normalized market-data topic. */
public final class LastPrices {
  private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();

  /** Records a trade price for {@code symbol} (upper-case, e.g. BTC-USD). */
  public void update(String symbol, BigDecimal price) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
    prices.put(symbol, price);
  }

  /** The last price for {@code symbol}, if any trade was seen. */
  public Optional<BigDecimal> get(String symbol) {
    return Optional.ofNullable(prices.get(symbol));
  }
}
