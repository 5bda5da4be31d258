package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import oasis.connector.RecordedFeed;
import oasis.marketdata.MarketDataEvent;
import oasis.service.marketdata.LastPrices;
import oasis.service.marketdata.MarketPriceListener;
import org.junit.jupiter.api.Test;

/**
 * A recorded-style Coinbase feed (fixtures/coinbase-reconnect.jsonl, in the documented message
 * shapes): last_match on subscribe, a heartbeat, a repeated trade, an out-of-order trade, a
 * reconnect that replays the last trades, a real gap of two trades, and an error. Through the
 * connector's handler, the normalizer and the price book it gives exactly the expected events.
 */
class RecordedFeedTest {
  private static final Instant RECEIVED = Instant.parse("2026-12-06T01:00:07Z");

  @Test
  void theFeedBecomesExactlyOneEventPerTradeOneGapAlarmAndNoPriceRollback() throws IOException {
    List<String> feed =
        Files.readAllLines(
            Path.of("src/test/resources/fixtures/coinbase-reconnect.jsonl"),
            StandardCharsets.UTF_8);

    RecordedFeed.Replay replay = RecordedFeed.replay(List.of("BTC-USD", "ETH-USD"), feed);
    TradeNormalizer normalizer = new TradeNormalizer();
    TradeDedupe dedupe = new TradeDedupe();
    LastPrices prices = new LastPrices();
    List<String> events = new ArrayList<>();
    List<String> btcPrices = new ArrayList<>();
    for (String raw : replay.published()) {
      Outcome outcome = normalizer.normalize(raw.getBytes(StandardCharsets.UTF_8), RECEIVED);
      MarketDataEvent event = ((Outcome.Normalized) outcome).event();
      assertThat(dedupe.isRepeat(event)).isFalse();
      dedupe.published(event);
      events.add(event.getHeader().getSymbol() + " " + event.getTradeUpdate().getTradeId());
      MarketPriceListener.apply(event, RECEIVED, prices);
      prices.get("BTC-USD").ifPresent(p -> btcPrices.add(p.toPlainString()));
    }

    assertThat(events)
        .containsExactly(
            "BTC-USD 1001",
            "ETH-USD 501",
            "BTC-USD 1002",
            "BTC-USD 1004",
            "BTC-USD 1003",
            "BTC-USD 1005",
            "BTC-USD 1006",
            "BTC-USD 1007",
            "BTC-USD 1010",
            "BTC-USD 1011",
            "ETH-USD 502");
    assertThat(replay.metrics())
        .contains(
            "connector_trade_gaps_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 1.0")
        .contains(
            "connector_trades_missed_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 2.0")
        .doesNotContain("connector_trade_gaps_total{product_id=\"ETH-USD\"")
        .contains(
            "connector_trades_dropped_total{product_id=\"BTC-USD\",reason=\"repeated\",track=\"stable\",version=\"1.0.0\"} 1.0")
        .contains(
            "connector_trades_out_of_order_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 1.0")
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"last_match\",version=\"1.0.0\"} 4.0")
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"error\",version=\"1.0.0\"} 1.0");
    assertThat(replay.resubscribed()).as("the gap is answered once").containsExactly("BTC-USD");
    assertThat(btcPrices)
        .as("the late trade 1003 at 63990 never rolls the price back")
        .doesNotContain("63990")
        .isSortedAccordingTo((a, b) -> new BigDecimal(a).compareTo(new BigDecimal(b)));
    assertThat(prices.get("BTC-USD")).contains(new BigDecimal("64011"));
    assertThat(prices.get("ETH-USD")).contains(new BigDecimal("3002.25"));
  }
}
