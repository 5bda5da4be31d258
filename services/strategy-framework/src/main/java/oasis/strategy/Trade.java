package oasis.strategy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import oasis.marketdata.MarketDataEvent;

/** One normalized trade: exact price and quantity. */
public record Trade(String symbol, BigDecimal price, BigDecimal quantity, Instant time) {

  /** Checks that price and quantity are positive. */
  public Trade {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(time, "time");
    if (price.signum() <= 0 || quantity.signum() < 0) {
      throw new IllegalArgumentException("trade needs a positive price and quantity");
    }
  }

  /** The trade in a normalized event; empty when the event carries none or a malformed one. */
  public static Optional<Trade> from(MarketDataEvent event) {
    if (!event.hasTradeUpdate() || event.getHeader().getSymbol().isEmpty()) {
      return Optional.empty();
    }
    try {
      var ts = event.getHeader().getExchangeTimestamp();
      return Optional.of(
          new Trade(
              event.getHeader().getSymbol(),
              decimal(event.getTradeUpdate().getPrice()),
              decimal(event.getTradeUpdate().getQuantity()),
              Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal decimal(String text) {
    if (!text.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException("not a plain decimal: " + text);
    }
    return new BigDecimal(text);
  }
}
