package oasis.service.marketdata;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last traded price per symbol, as read from the normalized market-data topic, with the time it
 * was received: a price older than {@code maxAge} is not quoted for trading decisions. A trade
 * older than the one held (lower trade id, or earlier when ids are not numbers) never replaces it,
 * so a replayed {@code last_match} or a late trade cannot roll the price back. Paper seed prices
 * ({@code PAPER_SEED_PRICES}) stand in only for paper orders, and only until a live trade is seen.
 */
public final class LastPrices {
  /** The bound a price's age must stay within when none is configured. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);

  /** A price, when it was received, and the exchange's id of its trade (empty when unknown). */
  public record Price(BigDecimal value, Instant receivedAt, String tradeId) {}

  /** The answer to "what price may this order use?": a price with its age, or why there is none. */
  public record Quote(Optional<BigDecimal> price, Duration age, String reason) {
    /** True when {@link #price} may be used. */
    public boolean usable() {
      return price.isPresent();
    }
  }

  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Price> prices = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> paperSeeds = new ConcurrentHashMap<>();

  /** With the system clock and {@link #DEFAULT_MAX_AGE}. */
  public LastPrices() {
    this(Clock.systemUTC(), DEFAULT_MAX_AGE);
  }

  /** Prices older than {@code maxAge} by {@code clock} are not quoted. */
  public LastPrices(Clock clock, Duration maxAge) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** Records a trade price for {@code symbol} (upper-case, e.g. BTC-USD) received just now. */
  public void update(String symbol, BigDecimal price) {
    update(symbol, price, "", clock.instant());
  }

  /**
   * Records a trade price received at {@code receivedAt}; returns false (and keeps the held price)
   * when the trade is older than the one held.
   */
  public boolean update(String symbol, BigDecimal price, String tradeId, Instant receivedAt) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
    Price next = new Price(price, receivedAt, tradeId == null ? "" : tradeId);
    Price kept = prices.merge(symbol, next, (held, offered) -> newer(held, offered));
    return kept == next;
  }

  /** A price paper orders of {@code symbol} may use until a live trade is seen. */
  public void seedPaper(String symbol, BigDecimal price) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
    paperSeeds.put(symbol, price);
  }

  /** The last live price for {@code symbol}, whatever its age (for display, never for orders). */
  public Optional<BigDecimal> get(String symbol) {
    return Optional.ofNullable(prices.get(symbol)).map(Price::value);
  }

  /** The last live trade for {@code symbol}, with when it was received and its trade id. */
  public Optional<Price> last(String symbol) {
    return Optional.ofNullable(prices.get(symbol));
  }

  /**
   * The price an order of {@code symbol} may use: the last live one if it is at most the bound old;
   * for a paper order with no live price yet, the paper seed; otherwise none, with the reason.
   */
  public Quote quote(String symbol, boolean paper) {
    Price last = prices.get(symbol);
    if (last == null) {
      BigDecimal seed = paper ? paperSeeds.get(symbol) : null;
      if (seed != null) {
        return new Quote(Optional.of(seed), Duration.ZERO, "paper seed price");
      }
      return new Quote(Optional.empty(), Duration.ZERO, "no market price for " + symbol + " yet");
    }
    Duration age = Duration.between(last.receivedAt(), clock.instant());
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    if (age.compareTo(maxAge) > 0) {
      return new Quote(
          Optional.empty(),
          age,
          "market price for "
              + symbol
              + " is stale: last trade received "
              + age.toMillis()
              + " ms ago, beyond the "
              + maxAge.toMillis()
              + " ms bound (MARKET_PRICE_MAX_AGE_MS)");
    }
    return new Quote(Optional.of(last.value()), age, "last trade price");
  }

  /** The later of two trades of one symbol: by trade id when both are numbers, else by time. */
  private static Price newer(Price held, Price offered) {
    if (isNumber(held.tradeId()) && isNumber(offered.tradeId())) {
      return new BigDecimal(offered.tradeId()).compareTo(new BigDecimal(held.tradeId())) > 0
          ? offered
          : held;
    }
    return offered.receivedAt().isBefore(held.receivedAt()) ? held : offered;
  }

  private static boolean isNumber(String tradeId) {
    return !tradeId.isEmpty()
        && tradeId.length() <= 30
        && tradeId.chars().allMatch(Character::isDigit);
  }
}
