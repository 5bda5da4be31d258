package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import oasis.service.ConfigException;
import org.junit.jupiter.api.Test;

class StrategyConfigTest {
  @Test
  void defaultsFollowTheTradingSystemsNames() {
    StrategyConfig config = StrategyConfig.from(Map.of());

    assertThat(config.marketTopic()).isEqualTo("market-data.trades.normalized");
    assertThat(config.controlTopic()).isEqualTo("control.commands");
    assertThat(config.consumerGroup()).isEqualTo("strategy-framework");
    assertThat(config.riskEngineAddress()).isEqualTo("127.0.0.1:50051");
    assertThat(config.symbol()).isEmpty();
  }

  @Test
  void strategyParametersAreGroupedById() {
    StrategyConfig config =
        StrategyConfig.from(
            Map.of("STRATEGY_PARAMETERS", "momentum.short_window=3, momentum.long_window=9"));

    assertThat(config.parameters().get("momentum"))
        .containsEntry("short_window", "3")
        .containsEntry("long_window", "9");
  }

  @Test
  void badValuesAreRefusedWithOneLineNamingTheVariable() {
    assertThatThrownBy(() -> StrategyConfig.from(Map.of("RISK_ENGINE_GRPC_ADDR", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("RISK_ENGINE_GRPC_ADDR must be host:port");
    assertThatThrownBy(() -> StrategyConfig.from(Map.of("STRATEGY_PARAMETERS", "short_window=3")))
        .hasMessageStartingWith("STRATEGY_PARAMETERS must be strategy.name=value");
  }
}
