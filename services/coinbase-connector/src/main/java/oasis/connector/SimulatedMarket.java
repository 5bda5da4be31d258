package oasis.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A market in the exact shapes of the Coinbase feed, numbered as Coinbase numbers it: {@code
 * trade_id} contiguous per product, {@code sequence} counting every message of the product's whole
 * feed (so it jumps between two matches). Prices walk in whole cents (longs and decimal strings,
 * never doubles). Faults on demand: trades that never come (a gap), a trade sent twice, two trades
 * swapped; or every N trades with {@link Faults}.
 */
final class SimulatedMarket {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Map<String, Long> START_CENTS =
      Map.of("BTC-USD", 6_000_000L, "ETH-USD", 300_000L, "SOL-USD", 15_000L);

  /** Faults the market injects by itself: every N-th trade of the feed (0: never). */
  record Faults(int gapEvery, int duplicateEvery) {
    static final Faults NONE = new Faults(0, 0);
  }

  private final List<String> products;
  private final Random random;
  private final Faults faults;
  private final Map<String, Product> state = new HashMap<>();
  private int nextProduct;
  private long trades;

  SimulatedMarket(List<String> products, Random random) {
    this(products, random, Faults.NONE);
  }

  SimulatedMarket(List<String> products, Random random, Faults faults) {
    this.products = List.copyOf(products);
    this.random = random;
    this.faults = faults;
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

  /** What a (re)subscribe to {@code product}'s matches sends first: its latest past trade. */
  synchronized String lastMatch(String productId, Instant now) {
    Product product = state.get(productId);
    return match("last_match", productId, product, product.tradeId, now);
  }

  /** The product's heartbeat: its latest trade id and sequence. */
  synchronized String heartbeat(String productId, Instant now) {
    Product product = state.get(productId);
    return JSON.createObjectNode()
        .put("type", "heartbeat")
        .put("last_trade_id", product.tradeId)
        .put("product_id", productId)
        .put("sequence", product.sequence)
        .put("time", TIME.format(now.truncatedTo(ChronoUnit.MICROS)))
        .toString();
  }

  /**
   * The next messages of the feed, products taken in turn: one {@code match}, or none when the
   * trade falls in a gap, or more when a repeat or a swapped trade is due.
   */
  synchronized List<String> next(Instant now) {
    String productId = products.get(nextProduct);
    nextProduct = (nextProduct + 1) % products.size();
    Product product = state.get(productId);
    trades++;
    if (faults.gapEvery() > 0 && trades % faults.gapEvery() == 0) {
      product.skip++;
    }
    if (faults.duplicateEvery() > 0 && trades % faults.duplicateEvery() == 0) {
      product.repeat = true;
    }
    product.walk(random);
    product.tradeId += 1 + product.skip;
    product.skip = 0;
    String message = match("match", productId, product, product.tradeId, now);
    List<String> out = new ArrayList<>(3);
    if (product.held != null) {
      out.add(message);
      out.add(product.held);
      product.held = null;
    } else if (product.swap) {
      product.held = message;
      product.swap = false;
    } else {
      out.add(message);
    }
    if (product.repeat && !out.isEmpty()) {
      out.add(out.get(out.size() - 1));
      product.repeat = false;
    }
    return out;
  }

  /** The next {@code count} trades of {@code product} will never be sent: a real gap. */
  synchronized void skipTrades(String product, int count) {
    state.get(product).skip += count;
  }

  /** The next trade of {@code product} is sent twice. */
  synchronized void repeatNext(String product) {
    state.get(product).repeat = true;
  }

  /** The next trade of {@code product} is sent after the one that follows it. */
  synchronized void swapNext(String product) {
    state.get(product).swap = true;
  }

  private String match(String type, String productId, Product product, long tradeId, Instant t) {
    product.sequence += 1 + random.nextInt(20);
    return JSON.createObjectNode()
        .put("type", type)
        .put("trade_id", tradeId)
        .put("maker_order_id", uuid())
        .put("taker_order_id", uuid())
        .put("side", random.nextBoolean() ? "buy" : "sell")
        .put("size", BigDecimal.valueOf(1 + random.nextInt(50_000_000), 8).toPlainString())
        .put("price", BigDecimal.valueOf(product.cents, 2).toPlainString())
        .put("product_id", productId)
        .put("sequence", product.sequence)
        .put("time", TIME.format(t.truncatedTo(ChronoUnit.MICROS)))
        .toString();
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** One product's price, counters and pending faults. */
  private static final class Product {
    private long cents;
    private long tradeId = 100_000;
    private long sequence = 1_000_000;
    private int skip;
    private boolean repeat;
    private boolean swap;
    private String held;

    Product(long cents) {
      this.cents = cents;
    }

    /** Moves the price by about 5 basis points, never below one cent. */
    void walk(Random random) {
      long step = Math.round(random.nextGaussian() * cents * 0.0005);
      cents = Math.max(1, cents + step);
    }
  }
}
