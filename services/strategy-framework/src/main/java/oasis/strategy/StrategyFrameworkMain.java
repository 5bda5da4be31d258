package oasis.strategy;

import oasis.service.ServiceMain;

/** Runs the strategy framework; see services/strategy-framework/README.md for its variables. */
public final class StrategyFrameworkMain {
  private StrategyFrameworkMain() {}

  /** Entry point: exit 2 on a bad configuration, 0 after a clean SIGTERM. */
  public static void main(String[] args) {
    ServiceMain.run(
        StrategyFrameworkService.COMPONENT,
        StrategyFrameworkService.PREFIX,
        StrategyFrameworkService::configure);
  }
}
