package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import oasis.service.ConfigException;
import org.junit.jupiter.api.Test;

class RiskEngineConfigTest {
  @Test
  void defaultsAreDocumentedLimitsInMemoryOnTheProjectPorts() {
    RiskEngineConfig config = RiskEngineConfig.from(Map.of());

    assertThat(config.useRedis()).isFalse();
    assertThat(config.orderManagerAddress()).isEqualTo("127.0.0.1:50052");
    assertThat(config.limits().maxOrderQuantity()).isEqualByComparingTo("1");
    assertThat(config.limits().killSwitch()).isFalse();
    assertThat(config.sizing().defaultQuantity()).isEqualByComparingTo("0.01");
  }

  @Test
  void everyLimitIsReadExactly() {
    RiskEngineConfig config =
        RiskEngineConfig.from(
            Map.of(
                "RISK_MAX_ORDER_QUANTITY", "0.25",
                "RISK_MAX_NOTIONAL", "12345.67",
                "RISK_MAX_POSITION", "3.5",
                "RISK_MAX_OPEN_ORDERS", "7",
                "RISK_MIN_CONFIDENCE", "0.8",
                "RISK_MAX_SIGNALS_PER_SECOND", "0",
                "RISK_KILL_SWITCH", "1",
                "RISK_ORDER_QUANTITIES", "ETH-USD=0.1"));

    assertThat(config.limits())
        .isEqualTo(
            new RiskLimits(
                new java.math.BigDecimal("0.25"),
                new java.math.BigDecimal("12345.67"),
                new java.math.BigDecimal("3.5"),
                7,
                0.8,
                0,
                true));
    assertThat(config.sizing().perSymbol().get("ETH-USD")).isEqualByComparingTo("0.1");
  }

  @Test
  void badValuesStopTheServiceWithOneLineNamingTheVariable() {
    assertThatThrownBy(() -> RiskEngineConfig.from(Map.of("RISK_MAX_NOTIONAL", "1e6")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("RISK_MAX_NOTIONAL must be a positive decimal");
    assertThatThrownBy(() -> RiskEngineConfig.from(Map.of("RISK_MIN_CONFIDENCE", "2")))
        .hasMessageStartingWith("RISK_MIN_CONFIDENCE must be a number between 0 and 1");
    assertThatThrownBy(() -> RiskEngineConfig.from(Map.of("RISK_USE_REDIS", "maybe")))
        .hasMessage("RISK_USE_REDIS must be 0 or 1, got 'maybe'");
    assertThatThrownBy(() -> RiskEngineConfig.from(Map.of("ORDER_MANAGER_GRPC_ADDR", "nohost")))
        .hasMessageStartingWith("ORDER_MANAGER_GRPC_ADDR must be host:port");
    assertThatThrownBy(() -> RiskEngineConfig.from(Map.of("RISK_ORDER_QUANTITY", "0.000000001")))
        .hasMessageContaining("more than 8 decimals");
  }
}
