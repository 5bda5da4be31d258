package oasis.normalizer;

import java.util.HashSet;
import java.util.Set;
import oasis.marketdata.MarketDataEvent;
import oasis.service.marketdata.TradeIds;

/**
 * One normalized event per (product, trade id). A trade counts as published only once Kafka
 * acknowledged its event, so a batch read again after a failed output re-sends exactly what was not
 * acknowledged; a trade repeated inside one batch is sent once. Trade ids that are not integers are
 * not deduplicated (Coinbase's always are).
 */
final class TradeDedupe {
  private final TradeIds published = new TradeIds(Integer.MAX_VALUE, 100_000);
  private final Set<String> inFlight = new HashSet<>();

  /** True when the event's trade was published or is being published: drop it. */
  synchronized boolean isRepeat(MarketDataEvent event) {
    Long id = tradeId(event);
    if (id == null) {
      return false;
    }
    String symbol = event.getHeader().getSymbol();
    return published.seen(symbol, id) || !inFlight.add(symbol + "/" + id);
  }

  /** Kafka acknowledged the event (or it was published before this process read it). */
  synchronized void published(MarketDataEvent event) {
    Long id = tradeId(event);
    if (id != null) {
      published.offer(event.getHeader().getSymbol(), id);
      inFlight.remove(event.getHeader().getSymbol() + "/" + id);
    }
  }

  /** The batch is over: events not acknowledged may be sent again. */
  synchronized void batchDone() {
    inFlight.clear();
  }

  private static Long tradeId(MarketDataEvent event) {
    String id = event.getTradeUpdate().getTradeId();
    if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(id);
  }
}
