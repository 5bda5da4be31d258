package oasis.risk;

import oasis.service.ServiceMain;

/** Runs the risk engine; see services/risk-engine/README.md for its variables. */
public final class RiskEngineMain {
  private RiskEngineMain() {}

  /** Entry point: exit 2 on a bad configuration, 0 after a clean SIGTERM. */
  public static void main(String[] args) {
    ServiceMain.run(
        RiskEngineService.COMPONENT, RiskEngineService.PREFIX, RiskEngineService::configure);
  }
}
