package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import oasis.orders.coinbase.CoinbaseVenue;
import oasis.risk.GrpcOrderSubmitter;
import oasis.risk.RiskEngineConfig;
import org.junit.jupiter.api.Test;

/**
 * The order path's default deadlines grow from the inside out: an outer caller never gives up on a
 * call that an inner one is still completing (the risk engine would release a reservation for an
 * order the order manager places; the strategy would count an error for a signal that trades).
 */
class DeadlinesNestTest {

  @Test
  void eachDefaultDeadlineOutlastsEverythingItWaitsFor() {
    // The order manager, at worst: a lookup by client id, then a send, each bounded.
    Duration orderManager = CoinbaseVenue.REQUEST_TIMEOUT.multipliedBy(2);
    RiskEngineConfig risk = RiskEngineConfig.from(Map.of());
    StrategyConfig strategy = StrategyConfig.from(Map.of());

    assertThat(risk.orderManagerDeadline())
        .as("the risk engine's deadline per attempt outlasts the order manager's exchange calls")
        .isGreaterThan(orderManager);
    assertThat(strategy.riskEngineDeadline())
        .as("the strategy's deadline per attempt outlasts every attempt of the risk engine")
        .isGreaterThan(
            GrpcOrderSubmitter.worstCase(risk.orderManagerDeadline(), risk.orderManagerAttempts()));
  }
}
