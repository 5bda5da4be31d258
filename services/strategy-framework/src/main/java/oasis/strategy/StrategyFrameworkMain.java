package oasis.strategy;

/** Starts the strategy framework: configuration from the environment, exit 2 on a bad value. */
public final class StrategyFrameworkMain {
  private StrategyFrameworkMain() {}

  /** Runs until SIGTERM. */
  public static void main(String[] args) throws Exception {
    StrategyFrameworkApp app;
    try {
      app = StrategyFrameworkApp.start(System.getenv());
    } catch (ConfigException e) {
      System.err.println("strategy-framework: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "strategy-framework-shutdown"));
    app.awaitTermination();
  }
}
