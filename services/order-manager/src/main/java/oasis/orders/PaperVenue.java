package oasis.orders;

import java.math.BigDecimal;
import java.util.Optional;
import oasis.service.decimal.Decimals;
import oasis.service.marketdata.LastPrices;
import trading.contracts.OrderType;
import trading.contracts.Side;

/**
 * Paper trading: a market order fills in full at the last normalized price; a limit order fills
 * there when that price is at or better than its limit, and rests (ACCEPTED) otherwise. With no
 * price for the symbol, or one older than the configured bound, the order is rejected.
 */
public final class PaperVenue implements ExecutionVenue {
  private final LastPrices lastPrices;

  /** Fills at the prices in {@code lastPrices}. */
  public PaperVenue(LastPrices lastPrices) {
    this.lastPrices = lastPrices;
  }

  @Override
  public VenueResult submit(Order order) {
    LastPrices.Quote quote = lastPrices.quote(order.symbol(), true);
    if (!quote.usable()) {
      return VenueResult.rejected(quote.reason() + ": paper fills need a recent normalized trade");
    }
    BigDecimal price = quote.price().orElseThrow();
    if (order.orderType() == OrderType.LIMIT && !marketable(order, price)) {
      return VenueResult.accepted(
          "paper: resting, last price " + Decimals.format(price) + " beyond limit");
    }
    return VenueResult.filled(
        order.quantity(), price, "paper fill at last price " + Decimals.format(price));
  }

  @Override
  public Optional<VenueResult> find(Order order) {
    // Paper fills happen in this process and are stored before anyone hears of them: a paper
    // order that is not stored as filled was never filled.
    return Optional.empty();
  }

  @Override
  public void cancel(Order order) {
    // Nothing rests anywhere but in the order store: cancelling there is enough.
  }

  private static boolean marketable(Order order, BigDecimal last) {
    int cmp = last.compareTo(order.price());
    return order.side() == Side.BUY ? cmp <= 0 : cmp >= 0;
  }
}
