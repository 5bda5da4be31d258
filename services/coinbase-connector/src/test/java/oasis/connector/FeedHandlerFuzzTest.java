package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oasis.service.ServiceMetrics;
import oasis.service.marketdata.TradeIds;

/**
 * The exchange's feed is untrusted input: any sequence of messages (garbage, repeats, trades out of
 * order, heartbeats and {@code last_match} that jump ahead or back) never throws out of the
 * handler, and no trade of a product is published twice.
 */
class FeedHandlerFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "");

  @FuzzTest(maxDuration = "5m")
  void anyFeedNeverThrowsAndPublishesEachTradeOnce(FuzzedDataProvider data) throws Exception {
    Set<String> published = new HashSet<>();
    ConnectorMetrics metrics = new ConnectorMetrics(new ServiceMetrics("1.0.0", "stable"));
    FeedHandler handler =
        new FeedHandler(
            (product, json) -> {
              JsonNode m = read(json);
              assertThat(m.path("trade_id").canConvertToExactIntegral()).as(json).isTrue();
              assertThat(published.add(product + "#" + m.path("trade_id").asLong()))
                  .as("published once: %s", json)
                  .isTrue();
            },
            metrics,
            new TradeIds(2, 64),
            new ProductClock(metrics, List.of("BTC-USD", "ETH-USD")));
    handler.onGap(product -> {});
    while (data.remainingBytes() > 0) {
      String product = data.pickValue(PRODUCTS);
      long id = data.consumeLong(-2, 200);
      switch (data.consumeInt(0, 4)) {
        case 0 -> handler.onMessage(data.consumeString(120));
        case 1 ->
            handler.onMessage(
                "{\"type\":\"match\",\"trade_id\":"
                    + id
                    + ",\"product_id\":\""
                    + product
                    + "\",\"price\":\"1\",\"size\":\"1\",\"side\":\"buy\"}");
        case 2 ->
            handler.onMessage(
                "{\"type\":\"last_match\",\"trade_id\":"
                    + id
                    + ",\"product_id\":\""
                    + product
                    + "\"}");
        case 3 ->
            handler.onMessage(
                "{\"type\":\"heartbeat\",\"last_trade_id\":"
                    + id
                    + ",\"product_id\":\""
                    + product
                    + "\"}");
        default ->
            handler.onMessage(
                "{\"type\":\"match\",\"trade_id\":"
                    + data.consumeString(12)
                    + ",\"product_id\":\""
                    + product
                    + "\"}");
      }
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("published a message that is not JSON: " + json, e);
    }
  }
}
