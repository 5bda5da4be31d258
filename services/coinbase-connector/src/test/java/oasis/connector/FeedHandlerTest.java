package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import oasis.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

class FeedHandlerTest {
  private final ServiceMetrics registry = new ServiceMetrics("1.0.0", "stable");
  private final List<String> published = new ArrayList<>();
  private final FeedHandler handler =
      new FeedHandler(
          (product, json) -> published.add(product + " " + json), new ConnectorMetrics(registry));

  @Test
  void tradesArePublishedAsTheyCameKeyedByProduct() {
    String match = match("BTC-USD", 10);

    handler.onMessage(match);

    assertThat(published).containsExactly("BTC-USD " + match);
    assertThat(registry.scrapeText())
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"match\",version=\"1.0.0\"} 1.0");
  }

  @Test
  void controlMessagesAreCountedNotPublished() {
    handler.onMessage("{\"type\":\"subscriptions\",\"channels\":[]}");
    handler.onMessage("{\"type\":\"heartbeat\",\"sequence\":5,\"product_id\":\"BTC-USD\"}");
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
  void aJumpInSequenceIsCountedAsAGapPerProduct() {
    handler.onMessage(match("BTC-USD", 1));
    handler.onMessage(match("ETH-USD", 50));
    handler.onMessage(match("BTC-USD", 2));
    handler.onMessage(match("BTC-USD", 5));
    handler.onMessage(match("ETH-USD", 51));

    assertThat(published).hasSize(5);
    assertThat(registry.scrapeText())
        .contains(
            "connector_sequence_gaps_total{product_id=\"BTC-USD\",track=\"stable\",version=\"1.0.0\"} 1.0")
        .doesNotContain("connector_sequence_gaps_total{product_id=\"ETH-USD\"");
  }

  static String match(String product, long sequence) {
    return "{\"type\":\"match\",\"trade_id\":"
        + sequence
        + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\",\"side\":\"buy\",\"size\":\"0.5\","
        + "\"price\":\"100.10\",\"product_id\":\""
        + product
        + "\",\"sequence\":"
        + sequence
        + ",\"time\":\"2026-11-29T17:00:00.000001Z\"}";
  }
}
