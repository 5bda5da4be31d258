package oasis.service.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oasis.service.marketdata.TradeIds.Gap;
import oasis.service.marketdata.TradeIds.Verdict;
import org.junit.jupiter.api.Test;

class TradeIdsTest {
  private final TradeIds ids = new TradeIds(3, 100);

  @Test
  void eachTradeIsNewOnceAndProductsAreCountedApart() {
    assertThat(ids.offer("BTC-USD", 7).verdict()).isEqualTo(Verdict.FIRST);
    assertThat(ids.offer("ETH-USD", 7).verdict()).isEqualTo(Verdict.FIRST);
    assertThat(ids.offer("BTC-USD", 8).verdict()).isEqualTo(Verdict.NEW);
    assertThat(ids.offer("BTC-USD", 8).verdict()).isEqualTo(Verdict.REPEATED);
    assertThat(ids.offer("BTC-USD", 7).verdict()).isEqualTo(Verdict.REPEATED);
    assertThat(ids.highest("BTC-USD")).isEqualTo(8);
  }

  @Test
  void aHoleIsOneGapOnceTheToleranceHasPassedIt() {
    ids.offer("BTC-USD", 1);
    assertThat(ids.offer("BTC-USD", 4).gaps()).isEmpty();
    assertThat(ids.offer("BTC-USD", 5).gaps()).isEmpty();
    assertThat(ids.offer("BTC-USD", 6).gaps()).containsExactly(new Gap("BTC-USD", 2, 3));
    assertThat(ids.offer("BTC-USD", 7).gaps()).as("reported once").isEmpty();

    TradeIds.Result late = ids.offer("BTC-USD", 3);
    assertThat(late.isNew()).as("a trade that comes after its gap was declared").isTrue();
    assertThat(late.late()).isTrue();
    assertThat(ids.offer("BTC-USD", 3).isNew()).isFalse();
  }

  @Test
  void aTradeThatComesLateWithinTheToleranceFillsItsHole() {
    ids.offer("BTC-USD", 1);
    ids.offer("BTC-USD", 3);
    TradeIds.Result late = ids.offer("BTC-USD", 2);
    assertThat(ids.offer("BTC-USD", 10).gaps()).isEmpty();
    List<Gap> gaps = ids.offer("BTC-USD", 12).gaps();

    assertThat(late.isNew()).isTrue();
    assertThat(late.late()).isTrue();
    assertThat(gaps)
        .as("11 is still within the tolerance")
        .containsExactly(new Gap("BTC-USD", 4, 9));
  }

  @Test
  void theFeedSayingItIsFurtherConfirmsAtOnceAndNeverGoesBack() {
    ids.offer("BTC-USD", 1);
    ids.offer("BTC-USD", 3);
    assertThat(ids.confirmGaps("BTC-USD")).containsExactly(new Gap("BTC-USD", 2, 2));
    assertThat(ids.advanceTo("BTC-USD", 6)).containsExactly(new Gap("BTC-USD", 4, 6));
    assertThat(ids.advanceTo("BTC-USD", 5)).isEmpty();
    assertThat(ids.highest("BTC-USD")).isEqualTo(6);
    assertThat(ids.advanceTo("SOL-USD", 50)).as("a baseline, not a gap").isEmpty();
    assertThat(ids.offer("SOL-USD", 51).verdict()).isEqualTo(Verdict.NEW);
  }

  @Test
  void aHugeJumpRemembersOnlyTheWindow() {
    ids.offer("BTC-USD", 1);

    List<Gap> gaps = ids.advanceTo("BTC-USD", 1_000_000);

    assertThat(gaps).containsExactly(new Gap("BTC-USD", 999_900, 1_000_000));
    assertThat(ids.offer("BTC-USD", 5).isNew()).as("older than the window: a repeat").isFalse();
  }
}
