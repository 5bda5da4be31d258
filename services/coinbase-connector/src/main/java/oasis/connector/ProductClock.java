package oasis.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When each product was last heard of (a trade or a heartbeat): published as {@code
 * connector_product_last_message_timestamp_seconds{product_id}}, so an alert sees one product fall
 * silent while the others flow, and asked by the feed to re-subscribe a silent product.
 */
final class ProductClock {
  private final ConnectorMetrics metrics;
  private final Clock wall;
  private final LongSupplier nanos;
  private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
  private final java.util.Set<String> subscribed;

  ProductClock(ConnectorMetrics metrics, List<String> products) {
    this(metrics, products, Clock.systemUTC(), System::nanoTime);
  }

  ProductClock(ConnectorMetrics metrics, List<String> products, Clock wall, LongSupplier nanos) {
    this.metrics = metrics;
    this.wall = wall;
    this.nanos = nanos;
    this.subscribed = java.util.Set.copyOf(products);
    long now = nanos.getAsLong();
    // Subscribed products start as heard now: silence is measured from the start, not from 1970.
    for (String product : products) {
      lastHeard.put(product, now);
      metrics.lastMessage.labelValues(product).set(wall.millis() / 1000.0);
    }
  }

  /**
   * Whether {@code product} is one the feed subscribed to (every product when none was named). A
   * message of any other is not ours: heard, it would be silent forever after and reconnect the
   * feed, and each new name would be a new metric series.
   */
  boolean subscribed(String product) {
    return subscribed.isEmpty() || subscribed.contains(product);
  }

  /** A message of {@code product} arrived now. */
  void heard(String product) {
    lastHeard.put(product, nanos.getAsLong());
    metrics.lastMessage.labelValues(product).set(wall.millis() / 1000.0);
  }

  /** The product heard of least recently, if it has been silent for longer than {@code bound}. */
  java.util.Optional<String> silentLongerThan(Duration bound) {
    long now = nanos.getAsLong();
    return lastHeard.entrySet().stream()
        .filter(e -> now - e.getValue() > bound.toNanos())
        .min(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey);
  }

  /** Starts the silence of every product anew (after a reconnect). */
  void resetAll() {
    long now = nanos.getAsLong();
    lastHeard.replaceAll((product, last) -> now);
  }
}
