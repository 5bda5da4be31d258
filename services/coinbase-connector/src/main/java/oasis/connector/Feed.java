package oasis.connector;

/** A source of feed messages: the Coinbase WebSocket or the simulated market. */
interface Feed extends AutoCloseable {
  /** Starts delivering messages to the handler given at construction. */
  void start();

  /** True while messages can arrive (connected and subscribed). */
  boolean connected();

  /** Stops; no message is delivered afterwards. */
  @Override
  void close();
}
