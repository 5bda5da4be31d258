package oasis.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts the feed's messages: trades ({@code match}, {@code last_match}) are published as they came;
 * subscriptions, heartbeats and errors are counted and logged; sequence gaps are detected per
 * product.
 */
final class FeedHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FeedHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TradePublisher publisher;
  private final ConnectorMetrics metrics;
  private final Map<String, Long> lastSequence = new HashMap<>();

  FeedHandler(TradePublisher publisher, ConnectorMetrics metrics) {
    this.publisher = publisher;
    this.metrics = metrics;
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
      case "heartbeat" -> metrics.messages.labelValues(type).inc();
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
    if (productId.isEmpty()) {
      metrics.messages.labelValues("invalid").inc();
      LOG.warn("trade without product_id: {}", abbreviate(text));
      return;
    }
    metrics.messages.labelValues(type).inc();
    if (message.path("sequence").canConvertToLong()) {
      checkSequence(productId, message.path("sequence").asLong());
    }
    publisher.publish(productId, text);
  }

  private void checkSequence(String productId, long sequence) {
    Long last = lastSequence.get(productId);
    if (last != null && sequence > last + 1) {
      metrics.gaps.labelValues(productId).inc();
      LOG.warn(
          "sequence gap on {}: after {} came {} ({} missing)",
          productId,
          last,
          sequence,
          sequence - last - 1);
    }
    if (last == null || sequence > last) {
      lastSequence.put(productId, sequence);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
