package oasis.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Trades in the exact shape of Coinbase {@code match} messages, prices on a random walk in whole
 * cents (exact: longs and decimal strings, never doubles).
 */
final class SimulatedMarket {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Map<String, Long> START_CENTS =
      Map.of("BTC-USD", 6_000_000L, "ETH-USD", 300_000L, "SOL-USD", 15_000L);

  private final List<String> products;
  private final Random random;
  private final Map<String, Product> state = new HashMap<>();
  private int nextProduct;

  SimulatedMarket(List<String> products, Random random) {
    this.products = List.copyOf(products);
    this.random = random;
    for (String product : products) {
      state.put(product, new Product(START_CENTS.getOrDefault(product, 10_000L)));
    }
  }

  /** The reply to a subscribe request. */
  String subscriptions(List<String> channels) {
    ObjectNode message = JSON.createObjectNode().put("type", "subscriptions");
    var list = message.putArray("channels");
    for (String channel : channels) {
      ObjectNode entry = list.addObject().put("name", channel);
      products.forEach(entry.putArray("product_ids")::add);
    }
    return message.toString();
  }

  /** The next trade, products taken in turn; the first of each product is a {@code last_match}. */
  String nextTrade(Instant now) {
    String productId = products.get(nextProduct);
    nextProduct = (nextProduct + 1) % products.size();
    Product product = state.get(productId);
    product.walk(random);
    ObjectNode message =
        JSON.createObjectNode()
            .put("type", product.sequence == 0 ? "last_match" : "match")
            .put("trade_id", ++product.tradeId)
            .put("maker_order_id", uuid())
            .put("taker_order_id", uuid())
            .put("side", random.nextBoolean() ? "buy" : "sell")
            .put("size", BigDecimal.valueOf(1 + random.nextInt(50_000_000), 8).toPlainString())
            .put("price", BigDecimal.valueOf(product.cents, 2).toPlainString())
            .put("product_id", productId)
            .put("sequence", product.nextSequence())
            .put("time", TIME.format(now.truncatedTo(ChronoUnit.MICROS)));
    return message.toString();
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** One product's price and counters. */
  private static final class Product {
    private long cents;
    private long tradeId = 100_000;
    private long sequence;
    private long sequenceBase = 1_000_000;

    Product(long cents) {
      this.cents = cents;
    }

    /** Moves the price by about 5 basis points, never below one cent. */
    void walk(Random random) {
      long step = Math.round(random.nextGaussian() * cents * 0.0005);
      cents = Math.max(1, cents + step);
    }

    long nextSequence() {
      return sequenceBase + ++sequence;
    }
  }
}
