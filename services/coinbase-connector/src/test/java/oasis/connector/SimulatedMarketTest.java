package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tradesHaveTheExactCoinbaseMatchShape() throws Exception {
    SimulatedMarket market = new SimulatedMarket(List.of("BTC-USD"), new Random(7));

    JsonNode trade =
        JSON.readTree(market.nextTrade(Instant.parse("2026-11-29T17:00:00.123456789Z")));

    List<String> fields = new ArrayList<>();
    trade.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "type",
            "trade_id",
            "maker_order_id",
            "taker_order_id",
            "side",
            "size",
            "price",
            "product_id",
            "sequence",
            "time");
    assertThat(trade.get("type").asText()).isEqualTo("last_match");
    assertThat(trade.get("trade_id").isIntegralNumber()).isTrue();
    assertThat(trade.get("sequence").isIntegralNumber()).isTrue();
    assertThat(trade.get("price").isTextual()).as("price is a decimal string").isTrue();
    assertThat(trade.get("price").asText()).matches("[0-9]+\\.[0-9]{2}");
    assertThat(trade.get("size").asText()).matches("[0-9]+\\.[0-9]{8}");
    assertThat(trade.get("side").asText()).isIn("buy", "sell");
    assertThat(trade.get("time").asText()).isEqualTo("2026-11-29T17:00:00.123456Z");
    assertThat(trade.get("maker_order_id").asText()).hasSize(36);
  }

  @Test
  void eachProductHasContiguousSequencesAndAPlausiblePrice() throws Exception {
    SimulatedMarket market = new SimulatedMarket(List.of("BTC-USD", "ETH-USD"), new Random(1));
    List<JsonNode> btc = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      JsonNode trade = JSON.readTree(market.nextTrade(Instant.now()));
      if (trade.get("product_id").asText().equals("BTC-USD")) {
        btc.add(trade);
      }
    }

    assertThat(btc).hasSize(1_000);
    assertThat(btc.get(1).get("type").asText()).isEqualTo("match");
    for (int i = 1; i < btc.size(); i++) {
      assertThat(btc.get(i).get("sequence").asLong())
          .isEqualTo(btc.get(i - 1).get("sequence").asLong() + 1);
      assertThat(btc.get(i).get("trade_id").asLong())
          .isEqualTo(btc.get(i - 1).get("trade_id").asLong() + 1);
    }
    BigDecimal last = new BigDecimal(btc.get(btc.size() - 1).get("price").asText());
    assertThat(last)
        .as("a random walk, not a jump")
        .isBetween(new BigDecimal("30000"), new BigDecimal("120000"));
  }

  @Test
  void subscriptionsListTheChannelsAndProducts() throws Exception {
    SimulatedMarket market = new SimulatedMarket(List.of("BTC-USD"), new Random(1));

    JsonNode reply = JSON.readTree(market.subscriptions(List.of("matches")));

    assertThat(reply.get("type").asText()).isEqualTo("subscriptions");
    assertThat(reply.get("channels").get(0).get("name").asText()).isEqualTo("matches");
    assertThat(reply.get("channels").get(0).get("product_ids").get(0).asText())
        .isEqualTo("BTC-USD");
  }
}
