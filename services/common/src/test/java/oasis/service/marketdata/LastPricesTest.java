package oasis.service.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import org.junit.jupiter.api.Test;

class LastPricesTest {
  private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");
  private final LastPrices prices =
      new LastPrices(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

  @Test
  void aPriceIsQuotedWithItsAgeUntilItIsOlderThanTheBound() {
    prices.update("BTC-USD", new BigDecimal("64000.5"), "10", NOW.minusSeconds(30));
    prices.update("ETH-USD", new BigDecimal("3000"), "7", NOW.minusSeconds(31));

    LastPrices.Quote btc = prices.quote("BTC-USD", true);
    LastPrices.Quote eth = prices.quote("ETH-USD", true);

    assertThat(btc.price()).contains(new BigDecimal("64000.5"));
    assertThat(btc.age()).isEqualTo(Duration.ofSeconds(30));
    assertThat(eth.usable()).isFalse();
    assertThat(eth.reason())
        .isEqualTo(
            "market price for ETH-USD is stale: last trade received 31000 ms ago, beyond the"
                + " 30000 ms bound (MARKET_PRICE_MAX_AGE_MS)");
    assertThat(prices.quote("SOL-USD", true).reason()).isEqualTo("no market price for SOL-USD yet");
  }

  @Test
  void anOlderTradeNeverRollsThePriceBack() {
    assertThat(prices.update("BTC-USD", new BigDecimal("101"), "1001", NOW)).isTrue();
    // the last_match replayed after a reconnect, and a late trade: both older by trade id
    assertThat(prices.update("BTC-USD", new BigDecimal("99"), "1000", NOW)).isFalse();
    assertThat(prices.update("BTC-USD", new BigDecimal("99"), "999", NOW.plusSeconds(1))).isFalse();
    assertThat(prices.update("BTC-USD", new BigDecimal("102"), "1002", NOW)).isTrue();

    assertThat(prices.get("BTC-USD")).contains(new BigDecimal("102"));
  }

  @Test
  void paperSeedsServePaperOrdersOnlyAndOnlyUntilALiveTrade() {
    prices.seedPaper("BTC-USD", new BigDecimal("50000"));

    assertThat(prices.quote("BTC-USD", true).price()).contains(new BigDecimal("50000"));
    assertThat(prices.quote("BTC-USD", false).usable()).as("never for real money").isFalse();

    prices.update("BTC-USD", new BigDecimal("64000"), "5", NOW.minusSeconds(60));
    assertThat(prices.quote("BTC-USD", true).usable())
        .as("a stale live price is not replaced by the seed")
        .isFalse();
  }

  @Test
  void theListenerAgesAPriceFromWhenThePipelineReceivedTheTrade() {
    MarketDataEvent event =
        MarketDataEvent.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setSymbol("BTC-USD")
                    .setReceivedTimestamp(
                        Timestamp.newBuilder().setSeconds(NOW.minusSeconds(120).getEpochSecond())))
            .setTradeUpdate(TradeUpdate.newBuilder().setTradeId("8").setPrice("64000.10"))
            .build();

    // the record itself was written just now (e.g. the topic's last record read at start)
    assertThat(MarketPriceListener.apply(event, NOW, prices)).isTrue();

    assertThat(prices.quote("BTC-USD", true).age()).isEqualTo(Duration.ofSeconds(120));
    assertThat(prices.quote("BTC-USD", true).usable()).isFalse();
  }
}
