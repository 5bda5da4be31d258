package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import trading.contracts.Side;

class MomentumStrategyTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  static Trade trade(String symbol, String price, int second) {
    return new Trade(symbol, new BigDecimal(price), BigDecimal.ONE, T0.plusSeconds(second));
  }

  /** Feeds prices and returns the side signalled at each tick (null for none). */
  static List<Side> run(Strategy strategy, String symbol, String... prices) {
    List<Side> sides = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      Optional<SignalIntent> intent = strategy.onTrade(trade(symbol, prices[i], i));
      sides.add(intent.map(SignalIntent::side).orElse(null));
    }
    return sides;
  }

  @Test
  void buysWhenTheShortAverageCrossesAboveTheLongAndSellsWhenItCrossesBelow() {
    Strategy momentum = new MomentumStrategy(2, 4, new BigDecimal("100"));

    List<Side> sides =
        run(momentum, "BTC-USD", "10", "10", "9", "9", "9", "12", "12", "12", "8", "8");

    // tick 3: windows full, short 9 < long 9.5 (below); tick 5: short 10.5 > long 9.75: BUY
    // tick 8: short 10 < long 11: SELL
    assertThat(sides)
        .containsExactly(null, null, null, null, null, Side.BUY, null, null, Side.SELL, null);
  }

  @Test
  void nothingIsSignalledBeforeBothWindowsAreFullOrWithoutACross() {
    Strategy momentum = new MomentumStrategy(2, 4, BigDecimal.ONE);

    assertThat(run(momentum, "BTC-USD", "1", "2", "3", "4", "5", "6", "7", "8"))
        .as("a steady rise is never a cross")
        .containsOnlyNulls();
  }

  @Test
  void averagesAreComparedExactlyWithoutBinaryRounding() {
    Strategy momentum = new MomentumStrategy(1, 3, BigDecimal.ONE);
    // long avg of 0.1, 0.2, 0.3 is exactly 0.2; short 0.2 equals it: touching is not crossing
    run(momentum, "BTC-USD", "0.3", "0.3", "0.1");
    assertThat(momentum.onTrade(trade("BTC-USD", "0.2", 3))).isEmpty();
    assertThat(momentum.onTrade(trade("BTC-USD", "0.3", 4)).map(SignalIntent::side))
        .as("0.3 > avg(0.1, 0.2, 0.3): above, after being below")
        .contains(Side.BUY);
  }

  @Test
  void symbolsAreTrackedSeparately() {
    Strategy momentum = new MomentumStrategy(2, 4, BigDecimal.ONE);
    String[] up = {"10", "10", "9", "9", "9", "12"};
    List<Side> interleaved = new ArrayList<>();
    for (int i = 0; i < up.length; i++) {
      interleaved.add(
          momentum.onTrade(trade("BTC-USD", up[i], i)).map(SignalIntent::side).orElse(null));
      assertThat(momentum.onTrade(trade("ETH-USD", "100", i))).isEmpty();
    }
    assertThat(interleaved.get(5)).isEqualTo(Side.BUY);
  }

  @Test
  void confidenceGrowsWithTheGapAndIsCappedAtOne() {
    Strategy small = new MomentumStrategy(2, 4, new BigDecimal("1"));
    Strategy large = new MomentumStrategy(2, 4, new BigDecimal("1000"));
    String[] prices = {"10", "10", "9", "9", "9", "12"};
    SignalIntent gentle = null;
    SignalIntent sharp = null;
    for (int i = 0; i < prices.length; i++) {
      gentle = small.onTrade(trade("BTC-USD", prices[i], i)).orElse(gentle);
      sharp = large.onTrade(trade("BTC-USD", prices[i], i)).orElse(sharp);
    }
    // short 10.5, long 9.75: gap 0.75 / 9.75 = 0.0769...
    assertThat(gentle.confidence()).isCloseTo(0.5769, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(sharp.confidence()).isEqualTo(1.0);
    assertThat(gentle.metadata())
        .containsEntry("short_avg", "10.5")
        .containsEntry("long_avg", "9.75");
  }

  @Test
  void theFactoryReadsParametersAndRefusesBadOnes() {
    MomentumStrategyFactory factory = new MomentumStrategyFactory();
    assertThat(factory.id()).isEqualTo("momentum");
    assertThat(factory.create(Map.of("short_window", "2", "long_window", "3"))).isNotNull();
    assertThatThrownBy(() -> factory.create(Map.of("short_window", "5", "long_window", "5")))
        .hasMessageContaining("short_window < long_window");
    assertThatThrownBy(() -> factory.create(Map.of("short_window", "x")))
        .hasMessageContaining("short_window must be an integer");
  }
}
