package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import oasis.service.ServiceMetrics;
import oasis.service.marketdata.TradeIds;
import org.junit.jupiter.api.Test;

class FeedHandlerTest {
  private final ServiceMetrics registry = new ServiceMetrics("1.0.0", "stable");
  private final ConnectorMetrics metrics = new ConnectorMetrics(registry);
  private final List<String> published = new ArrayList<>();
  private final List<String> resubscribed = new ArrayList<>();
  private final FeedHandler handler =
      new FeedHandler(
          (product, json) -> published.add(product + " " + json),
          metrics,
          new TradeIds(2, 1_000),
          new ProductClock(metrics, List.of("BTC-USD", "ETH-USD")));

  {
    handler.onGap(resubscribed::add);
  }

  @Test
  void tradesArePublishedAsTheyCameKeyedByProduct() {
    String match = match("BTC-USD", 10, 5_000);

    handler.onMessage(match);

    assertThat(published).containsExactly("BTC-USD " + match);
    assertThat(registry.scrapeText())
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"match\",version=\"1.0.0\"} 1.0");
  }

  @Test
  void messagesOfAProductNotSubscribedAreCountedNotPublishedNorWatched() {
    handler.onMessage(match("DOGE-USD", 1, 1_000));
    handler.onMessage("{\"type\":\"heartbeat\",\"last_trade_id\":9,\"product_id\":\"DOGE-USD\"}");

    assertThat(published).isEmpty();
    assertThat(registry.scrapeText())
        .contains("type=\"unsubscribed\"")
        .as("no series for a product we did not ask for, and no silence to reconnect for")
        .doesNotContain("DOGE-USD");
  }

  @Test
  void controlMessagesAreCountedNotPublished() {
    handler.onMessage("{\"type\":\"subscriptions\",\"channels\":[]}");
    handler.onMessage(
        "{\"type\":\"heartbeat\",\"sequence\":5,\"last_trade_id\":3,\"product_id\":\"BTC-USD\"}");
    handler.onMessage("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"x\"}");
    handler.onMessage("not json");
    handler.onMessage("{\"type\":\"match\",\"price\":\"1\"}");

    assertThat(published).isEmpty();
    assertThat(registry.scrapeText())
        .contains("type=\"subscriptions\"", "type=\"heartbeat\"", "type=\"error\"")
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"invalid\",version=\"1.0.0\"} 2.0");
  }

  @Test
  void sequenceJumpsBetweenMatchesAreNotGapsButTradeIdJumpsAre() {
    // The real feed: sequence counts every message of the product, trade_id only its trades.
    handler.onMessage(match("BTC-USD", 1, 1_000));
    handler.onMessage(match("BTC-USD", 2, 1_017));
    handler.onMessage(match("BTC-USD", 3, 1_040));
    handler.onMessage(match("ETH-USD", 50, 7_000));
    handler.onMessage(match("ETH-USD", 51, 7_300));
    assertThat(gaps("BTC-USD")).isZero();

    handler.onMessage(match("BTC-USD", 6, 1_090));
    assertThat(gaps("BTC-USD")).as("within the reorder tolerance: still pending").isZero();
    handler.onMessage(match("BTC-USD", 7, 1_095));
    handler.onMessage(match("BTC-USD", 8, 1_099));

    assertThat(published).hasSize(8);
    assertThat(gaps("BTC-USD")).isOne();
    assertThat(registry.scrapeText())
        .contains(
            "connector_trades_missed_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 2.0")
        .doesNotContain("connector_trade_gaps_total{product_id=\"ETH-USD\"");
    assertThat(resubscribed).as("the gap is answered by a re-subscribe").containsExactly("BTC-USD");
  }

  @Test
  void lastMatchIsNeverPublishedAndRepeatsAreDropped() {
    handler.onMessage(lastMatch("BTC-USD", 100, 900));
    handler.onMessage(match("BTC-USD", 101, 905));
    handler.onMessage(match("BTC-USD", 102, 907));
    handler.onMessage(match("BTC-USD", 102, 907));
    // a reconnect: the feed answers the subscribe with the last trade again
    handler.onMessage(lastMatch("BTC-USD", 102, 907));
    handler.onMessage(match("BTC-USD", 103, 930));

    assertThat(published)
        .extracting(p -> p.replaceAll(".*\"trade_id\":(\\d+).*", "$1"))
        .containsExactly("101", "102", "103");
    assertThat(gaps("BTC-USD")).isZero();
    assertThat(registry.scrapeText())
        .contains(
            "connector_trades_dropped_total{product_id=\"BTC-USD\",reason=\"repeated\",track=\"stable\",version=\"1.0.0\"} 1.0");
  }

  @Test
  void aLateTradeIsPublishedOnceAndRaisesNoGap() {
    handler.onMessage(match("BTC-USD", 1, 10));
    handler.onMessage(match("BTC-USD", 3, 30));
    handler.onMessage(match("BTC-USD", 2, 20));
    handler.onMessage(match("BTC-USD", 2, 20));
    handler.onMessage(match("BTC-USD", 4, 40));
    handler.onMessage(match("BTC-USD", 5, 50));

    assertThat(published).hasSize(5);
    assertThat(gaps("BTC-USD")).isZero();
    assertThat(registry.scrapeText())
        .contains(
            "connector_trades_out_of_order_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 1.0");
  }

  @Test
  void tradesMissedWhileAwayAreOneGapReportedByTheLastMatchOrAHeartbeat() {
    handler.onMessage(match("BTC-USD", 10, 100));
    handler.onMessage(lastMatch("BTC-USD", 14, 190));
    handler.onMessage(match("BTC-USD", 15, 200));
    handler.onMessage(
        "{\"type\":\"heartbeat\",\"sequence\":300,\"last_trade_id\":17,\"product_id\":\"BTC-USD\"}");

    assertThat(published).hasSize(2);
    assertThat(gaps("BTC-USD")).isEqualTo(2);
    assertThat(registry.scrapeText())
        .contains(
            "connector_trades_missed_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 6.0");
    assertThat(resubscribed)
        .as("only the live gap re-subscribes; the last_match is the answer to one")
        .containsExactly("BTC-USD");
  }

  @Test
  void eachProductCarriesTheTimeItWasLastHeardOf() {
    handler.onMessage("{\"type\":\"heartbeat\",\"last_trade_id\":3,\"product_id\":\"ETH-USD\"}");

    assertThat(registry.scrapeText())
        .containsPattern(
            "connector_product_last_message_timestamp_seconds\\{product_id=\"ETH-USD\"[^}]*} 1\\.[0-9]+E9")
        .contains("connector_product_last_message_timestamp_seconds{product_id=\"BTC-USD\"");
  }

  private long gaps(String product) {
    String prefix = "connector_trade_gaps_total{product_id=\"" + product + "\"";
    return registry
        .scrapeText()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  static String match(String product, long tradeId) {
    return match(product, tradeId, 1_000 + tradeId * 7);
  }

  static String match(String product, long tradeId, long sequence) {
    return trade("match", product, tradeId, sequence);
  }

  static String lastMatch(String product, long tradeId, long sequence) {
    return trade("last_match", product, tradeId, sequence);
  }

  private static String trade(String type, String product, long tradeId, long sequence) {
    return "{\"type\":\""
        + type
        + "\",\"trade_id\":"
        + tradeId
        + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\",\"side\":\"buy\",\"size\":\"0.5\","
        + "\"price\":\"100.10\",\"product_id\":\""
        + product
        + "\",\"sequence\":"
        + sequence
        + ",\"time\":\"2026-11-29T17:00:00.000001Z\"}";
  }
}
