package oasis.service.marketdata;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import oasis.marketdata.MarketDataEvent;
import oasis.service.ServiceConfig;
import oasis.service.kafka.TopicReplay;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Keeps {@link LastPrices} current from the normalized topic. Every instance reads every partition
 * (no consumer group), starting from the last record of each, so a price is known at once when the
 * topic has one; its age counts from when the pipeline received the trade (the header's received
 * timestamp, else the record's), so an old last record is known to be old. A broker that is away
 * for minutes does not end the loop ({@link TopicReplay}).
 */
public final class MarketPriceListener implements Runnable {
  private final TopicReplay replay;

  /** Reads {@code topic} with {@code consumer} into {@code prices}. */
  public MarketPriceListener(Consumer<String, byte[]> consumer, String topic, LastPrices prices) {
    this.replay =
        new TopicReplay(
            consumer,
            topic,
            TopicReplay.From.LAST_RECORD,
            "market data events",
            record ->
                apply(
                    MarketDataEvent.parseFrom(record.value()),
                    Instant.ofEpochMilli(Math.max(0, record.timestamp())),
                    prices),
            () -> {});
  }

  /**
   * Empty prices whose age bound is {@code MARKET_PRICE_MAX_AGE_MS} (default 30000): a price older
   * than that is not used for paper fills, notional or limits.
   */
  public static LastPrices prices(ServiceConfig config) {
    int maxAgeMs =
        config.integer(
            "MARKET_PRICE_MAX_AGE_MS", (int) LastPrices.DEFAULT_MAX_AGE.toMillis(), 1, 86_400_000);
    return new LastPrices(Clock.systemUTC(), Duration.ofMillis(maxAgeMs));
  }

  /** Applies one normalized event received now; false when it carries no usable trade price. */
  public static boolean apply(MarketDataEvent event, LastPrices prices) {
    return apply(event, Instant.now(), prices);
  }

  /**
   * Applies one normalized event whose record was written at {@code recordTime}; returns false when
   * it carries no usable trade price or is older than the price held.
   */
  public static boolean apply(MarketDataEvent event, Instant recordTime, LastPrices prices) {
    if (!event.hasTradeUpdate() || event.getHeader().getSymbol().isEmpty()) {
      return false;
    }
    try {
      BigDecimal price = positivePrice(event.getTradeUpdate().getPrice());
      return prices.update(
          event.getHeader().getSymbol(),
          price,
          event.getTradeUpdate().getTradeId(),
          receivedAt(event, recordTime));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Instant receivedAt(MarketDataEvent event, Instant recordTime) {
    Timestamp received = event.getHeader().getReceivedTimestamp();
    if (received.getSeconds() > 0) {
      return Instant.ofEpochSecond(received.getSeconds(), received.getNanos());
    }
    return recordTime;
  }

  @Override
  public void run() {
    replay.run();
  }

  /** Stops the loop; the consumer closes on its own thread. */
  public void stop() {
    replay.stop();
  }

  /** A trade price must be a plain positive decimal string ("64250.12"): never a float. */
  private static BigDecimal positivePrice(String text) {
    if (text == null || !text.trim().matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          "price must be a plain decimal string such as 0.015, got '" + text + "'");
    }
    BigDecimal value = new BigDecimal(text.trim());
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("price must be greater than zero, got '" + text + "'");
    }
    return value;
  }
}
