package oasis.orders;

/** Starts the order manager: configuration from the environment, exit 2 on a bad value. */
public final class OrderManagerMain {
  private OrderManagerMain() {}

  /** Runs until SIGTERM. */
  public static void main(String[] args) throws Exception {
    OrderManagerApp app;
    try {
      app = OrderManagerApp.start(System.getenv());
    } catch (ConfigException e) {
      System.err.println("order-manager: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "order-manager-shutdown"));
    app.awaitTermination();
  }
}
