package oasis.strategy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import trading.contracts.Side;

/**
 * Moving-average crossover per symbol over the last N and M trade prices (N &lt; M). BUY when the
 * short average crosses above the long one, SELL when it crosses below; nothing until both windows
 * are full and a cross is seen. Averages are compared exactly (sumShort·M against sumLong·N).
 * Confidence is 0.5 + scale × |short − long| / long, capped at 1.
 */
public final class MomentumStrategy implements Strategy {
  private final int shortWindow;
  private final int longWindow;
  private final BigDecimal confidenceScale;
  private final Map<String, Series> series = new HashMap<>();

  /** With windows of {@code shortWindow} and {@code longWindow} prices. */
  public MomentumStrategy(int shortWindow, int longWindow, BigDecimal confidenceScale) {
    if (shortWindow < 1 || longWindow <= shortWindow || longWindow > 10_000) {
      throw new IllegalArgumentException(
          "momentum needs 1 <= short_window < long_window <= 10000, got "
              + shortWindow
              + " and "
              + longWindow);
    }
    this.shortWindow = shortWindow;
    this.longWindow = longWindow;
    this.confidenceScale = confidenceScale;
  }

  @Override
  public Optional<SignalIntent> onTrade(Trade trade) {
    Series s = series.computeIfAbsent(trade.symbol(), k -> new Series());
    s.add(trade.price());
    if (s.prices.size() < longWindow) {
      return Optional.empty();
    }
    BigDecimal scaledShort = s.shortSum.multiply(BigDecimal.valueOf(longWindow));
    BigDecimal scaledLong = s.longSum.multiply(BigDecimal.valueOf(shortWindow));
    int sign = scaledShort.compareTo(scaledLong);
    if (sign == 0) {
      return Optional.empty(); // touching is not crossing: keep the last side
    }
    Integer previous = s.lastSign;
    s.lastSign = sign;
    if (previous == null || sign == previous) {
      return Optional.empty();
    }
    Side side = sign > 0 ? Side.BUY : Side.SELL;
    MathContext mc = MathContext.DECIMAL64;
    BigDecimal shortAvg = s.shortSum.divide(BigDecimal.valueOf(shortWindow), mc);
    BigDecimal longAvg = s.longSum.divide(BigDecimal.valueOf(longWindow), mc);
    BigDecimal gap = shortAvg.subtract(longAvg).abs().divide(longAvg, mc);
    double confidence = Math.min(1.0, 0.5 + gap.multiply(confidenceScale).doubleValue());
    return Optional.of(
        new SignalIntent(
            trade.symbol(),
            side,
            confidence,
            Map.of(
                "short_avg",
                shortAvg.stripTrailingZeros().toPlainString(),
                "long_avg",
                longAvg.stripTrailingZeros().toPlainString())));
  }

  /** The last M prices of one symbol with running sums of the last N and the last M. */
  private final class Series {
    private final ArrayDeque<BigDecimal> prices = new ArrayDeque<>();
    private BigDecimal shortSum = BigDecimal.ZERO;
    private BigDecimal longSum = BigDecimal.ZERO;
    private Integer lastSign;

    void add(BigDecimal price) {
      prices.addLast(price);
      longSum = longSum.add(price);
      shortSum = shortSum.add(price);
      if (prices.size() > shortWindow) {
        shortSum = shortSum.subtract(leavingShortWindow());
      }
      if (prices.size() > longWindow) {
        longSum = longSum.subtract(prices.removeFirst());
      }
    }

    /** The price just older than the short window: the (N+1)-th newest. */
    private BigDecimal leavingShortWindow() {
      var newestFirst = prices.descendingIterator();
      BigDecimal price = null;
      for (int i = 0; i <= shortWindow; i++) {
        price = newestFirst.next();
      }
      return price;
    }
  }
}
