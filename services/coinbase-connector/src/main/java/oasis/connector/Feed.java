package oasis.connector;

/** A source of feed messages: the Coinbase WebSocket or the simulated market. */
interface Feed extends AutoCloseable {
  /** Starts delivering messages to the handler given at construction. */
  void start();

  /** True while messages can arrive (connected and subscribed). */
  boolean connected();

  /**
   * Subscribes {@code product} again on the live connection, asynchronously: the feed answers with
   * the product's {@code last_match}, which tells where its trades stand now.
   */
  void resubscribe(String product);

  /** Stops; no message is delivered afterwards. */
  @Override
  void close();
}
