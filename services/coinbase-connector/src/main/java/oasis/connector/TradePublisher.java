package oasis.connector;

/** Where trades go: the raw market-data topic, keyed by product. */
interface TradePublisher {
  /** Publishes the exchange's JSON as it came, asynchronously. */
  void publish(String productId, String json);
}
