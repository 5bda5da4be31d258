package oasis.risk;

/** Starts the risk engine: configuration from the environment, exit 2 on a bad value. */
public final class RiskEngineMain {
  private RiskEngineMain() {}

  /** Runs until SIGTERM. */
  public static void main(String[] args) throws Exception {
    RiskEngineApp app;
    try {
      app = RiskEngineApp.start(System.getenv());
    } catch (ConfigException e) {
      System.err.println("risk-engine: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "risk-engine-shutdown"));
    app.awaitTermination();
  }
}
