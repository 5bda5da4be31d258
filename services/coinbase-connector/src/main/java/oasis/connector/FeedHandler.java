package oasis.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import oasis.service.marketdata.TradeIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts the feed's messages. A {@code match} is published once per (product, {@code trade_id}):
 * repeats are dropped, a late one that fills a hole is published. The {@code last_match} that
 * answers every subscribe is never published (it is a past trade) but tells which trades were
 * missed while away, as a heartbeat's {@code last_trade_id} does. Gaps are found on {@code
 * trade_id} (a match's {@code sequence} counts every message of the product's whole feed, so
 * consecutive matches are not contiguous on it): each is counted, logged once and answered by a
 * re-subscribe of the product. Subscriptions, heartbeats and errors are counted and logged.
 */
final class FeedHandler {
  /** Later trades that may pass a missing trade id before it is a gap. */
  static final int REORDER_TOLERANCE = 5;

  /** How far below the highest trade id repeats are still told from late trades. */
  static final int WINDOW = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(FeedHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TradePublisher publisher;
  private final ConnectorMetrics metrics;
  private final TradeIds tradeIds;
  private final ProductClock clock;
  private static final long RESUBSCRIBE_INTERVAL_NANOS = 10_000_000_000L;
  private final Map<String, Long> lastResubscribe = new HashMap<>();
  private volatile Consumer<String> resubscribe = product -> {};

  FeedHandler(TradePublisher publisher, ConnectorMetrics metrics) {
    this(
        publisher,
        metrics,
        new TradeIds(REORDER_TOLERANCE, WINDOW),
        new ProductClock(metrics, List.of()));
  }

  FeedHandler(
      TradePublisher publisher, ConnectorMetrics metrics, TradeIds tradeIds, ProductClock clock) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.tradeIds = tradeIds;
    this.clock = clock;
  }

  /** Where a product with a gap is re-subscribed (the feed, once it exists). */
  void onGap(Consumer<String> resubscribe) {
    this.resubscribe = resubscribe;
  }

  /** Handles one complete text message of the feed. */
  synchronized void onMessage(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      metrics.messages.labelValues("invalid").inc();
      LOG.warn("unparseable feed message ({}): {}", e.getOriginalMessage(), abbreviate(text));
      return;
    }
    String type = message.path("type").asText("");
    switch (type) {
      case "match", "last_match" -> trade(type, message, text);
      case "subscriptions" -> {
        metrics.messages.labelValues(type).inc();
        LOG.info("subscribed: {}", message.path("channels"));
      }
      case "heartbeat" -> heartbeat(message);
      case "error" -> {
        metrics.messages.labelValues(type).inc();
        LOG.warn(
            "feed error: {} ({})",
            message.path("message").asText(""),
            message.path("reason").asText(""));
      }
      default -> metrics.messages.labelValues("other").inc();
    }
  }

  private void trade(String type, JsonNode message, String text) {
    String productId = message.path("product_id").asText("");
    JsonNode id = message.path("trade_id");
    if (productId.isEmpty() || !id.canConvertToExactIntegral() || !id.canConvertToLong()) {
      metrics.messages.labelValues("invalid").inc();
      LOG.warn("trade without product_id or integer trade_id: {}", abbreviate(text));
      return;
    }
    if (!clock.subscribed(productId)) {
      metrics.messages.labelValues("unsubscribed").inc();
      return;
    }
    metrics.messages.labelValues(type).inc();
    clock.heard(productId);
    long tradeId = id.asLong();
    if (type.equals("last_match")) {
      report(tradeIds.advanceTo(productId, tradeId), false);
      return;
    }
    TradeIds.Result result = tradeIds.offer(productId, tradeId);
    if (!result.isNew()) {
      metrics.dropped.labelValues(productId, "repeated").inc();
      LOG.debug("dropping {} trade {}: already published", productId, tradeId);
      return;
    }
    if (result.late()) {
      metrics.late.labelValues(productId).inc();
    }
    publisher.publish(productId, text);
    report(result.gaps(), true);
  }

  private void heartbeat(JsonNode message) {
    metrics.messages.labelValues("heartbeat").inc();
    String productId = message.path("product_id").asText("");
    if (productId.isEmpty() || !clock.subscribed(productId)) {
      return;
    }
    clock.heard(productId);
    JsonNode last = message.path("last_trade_id");
    List<TradeIds.Gap> gaps =
        last.canConvertToExactIntegral() && tradeIds.highest(productId) >= 0
            ? tradeIds.advanceTo(productId, last.asLong())
            : tradeIds.confirmGaps(productId);
    report(gaps, true);
  }

  /** One log line and one count per gap; a live gap also re-subscribes the product. */
  private void report(List<TradeIds.Gap> gaps, boolean recover) {
    for (TradeIds.Gap gap : gaps) {
      metrics.gaps.labelValues(gap.product()).inc();
      metrics.missed.labelValues(gap.product()).inc(gap.size());
      LOG.warn(
          "trade gap on {}: trades {}..{} never came ({} missing){}",
          gap.product(),
          gap.from(),
          gap.to(),
          gap.size(),
          recover ? "; re-subscribing" : " while the feed was away");
    }
    if (recover && !gaps.isEmpty()) {
      String product = gaps.get(0).product();
      long now = System.nanoTime();
      Long last = lastResubscribe.get(product);
      // One re-subscribe per product per interval: a burst of gaps must not flood the exchange.
      if (last == null || now - last > RESUBSCRIBE_INTERVAL_NANOS) {
        lastResubscribe.put(product, now);
        metrics.resubscribes.labelValues(product).inc();
        resubscribe.accept(product);
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
