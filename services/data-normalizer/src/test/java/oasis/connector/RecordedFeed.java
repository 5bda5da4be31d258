package oasis.connector;

import java.util.ArrayList;
import java.util.List;
import oasis.service.ServiceMetrics;
import oasis.service.marketdata.TradeIds;

/** Replays a recorded feed through the connector's handler as the connector wires it (tests). */
public final class RecordedFeed {
  /** What the connector made of the feed: raw trades published, its metrics, re-subscribes. */
  public record Replay(List<String> published, String metrics, List<String> resubscribed) {}

  private RecordedFeed() {}

  /** Feeds {@code messages} in order to a handler for {@code products}. */
  public static Replay replay(List<String> products, List<String> messages) {
    ServiceMetrics registry = new ServiceMetrics("1.0.0", "stable");
    ConnectorMetrics metrics = new ConnectorMetrics(registry);
    List<String> published = new ArrayList<>();
    List<String> resubscribed = new ArrayList<>();
    FeedHandler handler =
        new FeedHandler(
            (product, json) -> published.add(json),
            metrics,
            new TradeIds(FeedHandler.REORDER_TOLERANCE, FeedHandler.WINDOW),
            new ProductClock(metrics, products));
    handler.onGap(resubscribed::add);
    messages.forEach(handler::onMessage);
    return new Replay(published, registry.scrapeText(), resubscribed);
  }
}
