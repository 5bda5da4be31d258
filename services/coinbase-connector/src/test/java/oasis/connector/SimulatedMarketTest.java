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
        JSON.readTree(market.next(Instant.parse("2026-11-29T17:00:00.123456789Z")).get(0));

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
    assertThat(trade.get("type").asText()).isEqualTo("match");
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
  void eachProductNumbersItsTradesContiguouslyWhileItsSequenceJumps() throws Exception {
    SimulatedMarket market = new SimulatedMarket(List.of("BTC-USD", "ETH-USD"), new Random(1));
    List<JsonNode> btc = trades(market, 2_000, "BTC-USD");

    assertThat(btc).hasSize(1_000);
    long jumps = 0;
    for (int i = 1; i < btc.size(); i++) {
      assertThat(btc.get(i).get("trade_id").asLong())
          .isEqualTo(btc.get(i - 1).get("trade_id").asLong() + 1);
      long step = btc.get(i).get("sequence").asLong() - btc.get(i - 1).get("sequence").asLong();
      assertThat(step).as("sequence only grows").isPositive();
      jumps += step > 1 ? 1 : 0;
    }
    assertThat(jumps).as("other messages of the feed take sequence numbers").isGreaterThan(900);
    BigDecimal last = new BigDecimal(btc.get(btc.size() - 1).get("price").asText());
    assertThat(last)
        .as("a random walk, not a jump")
        .isBetween(new BigDecimal("30000"), new BigDecimal("120000"));
  }

  @Test
  void gapsRepeatsAndSwapsComeOnDemand() throws Exception {
    SimulatedMarket market = new SimulatedMarket(List.of("BTC-USD"), new Random(3));
    long first = tradeIds(market, 1).get(0);

    market.skipTrades("BTC-USD", 3);
    assertThat(tradeIds(market, 1)).containsExactly(first + 4);
    market.repeatNext("BTC-USD");
    assertThat(tradeIds(market, 1)).containsExactly(first + 5, first + 5);
    market.swapNext("BTC-USD");
    assertThat(tradeIds(market, 2)).containsExactly(first + 7, first + 6);
    JsonNode lastMatch = JSON.readTree(market.lastMatch("BTC-USD", Instant.now()));
    assertThat(lastMatch.get("type").asText()).isEqualTo("last_match");
    assertThat(lastMatch.get("trade_id").asLong()).isEqualTo(first + 7);
    JsonNode heartbeat = JSON.readTree(market.heartbeat("BTC-USD", Instant.now()));
    assertThat(heartbeat.get("last_trade_id").asLong()).isEqualTo(first + 7);
  }

  @Test
  void faultsComeEveryNTradesWhenAsked() throws Exception {
    SimulatedMarket market =
        new SimulatedMarket(List.of("BTC-USD"), new Random(3), new SimulatedMarket.Faults(10, 25));

    List<Long> ids = tradeIds(market, 100);

    assertThat(ids).hasSize(104);
    assertThat(ids.stream().distinct().count()).isEqualTo(100);
    assertThat(ids.get(ids.size() - 1) - ids.get(0) + 1).as("ten trades never sent").isEqualTo(110);
  }

  private static List<JsonNode> trades(SimulatedMarket market, int calls, String product)
      throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      for (String text : market.next(Instant.now())) {
        JsonNode trade = JSON.readTree(text);
        if (trade.get("product_id").asText().equals(product)) {
          out.add(trade);
        }
      }
    }
    return out;
  }

  private static List<Long> tradeIds(SimulatedMarket market, int calls) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      for (String text : market.next(Instant.now())) {
        ids.add(JSON.readTree(text).get("trade_id").asLong());
      }
    }
    return ids;
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
