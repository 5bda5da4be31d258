package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

  @Test
  void portThatIsNotANumberNamesTheVariableAndTheAllowedRange() {
    ServiceConfig config = ServiceConfig.of(Map.of("RISK_METRICS_PORT", "abc"));

    assertThatThrownBy(() -> config.port("RISK_METRICS_PORT", 9093))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "RISK_METRICS_PORT=\"abc\" is not allowed: expected an integer from 0 to 65535");
  }

  @Test
  void integerOutsideItsRangeIsRejected() {
    ServiceConfig config = ServiceConfig.of(Map.of("N", "70000"));

    assertThatThrownBy(() -> config.integer("N", 1, 1, 65535))
        .hasMessage("N=\"70000\" is not allowed: expected an integer from 1 to 65535");
  }

  @Test
  void unknownModeListsTheAllowedValues() {
    ServiceConfig config = ServiceConfig.of(Map.of("ORDER_MANAGER_MODE", "live"));

    assertThatThrownBy(() -> config.oneOf("ORDER_MANAGER_MODE", "paper", "paper", "real"))
        .hasMessage("ORDER_MANAGER_MODE=\"live\" is not allowed: expected one of paper|real");
  }

  @Test
  void unsetOrBlankValuesFallBackToTheDefault() {
    ServiceConfig config = ServiceConfig.of(Map.of("BLANK", "  "));

    assertThat(config.integer("BLANK", 7, 0, 10)).isEqualTo(7);
    assertThat(config.string("MISSING", "x")).isEqualTo("x");
    assertThat(config.bool01("MISSING", true)).isTrue();
  }

  @Test
  void decimalsAreExactAndBounded() {
    ServiceConfig config = ServiceConfig.of(Map.of("RATE", "0.1", "BAD", "1.5", "NAN", "x"));
    BigDecimal one = BigDecimal.ONE;

    assertThat(config.decimal("RATE", BigDecimal.ZERO, BigDecimal.ZERO, one))
        .isEqualByComparingTo("0.1");
    assertThatThrownBy(() -> config.decimal("BAD", BigDecimal.ZERO, BigDecimal.ZERO, one))
        .hasMessage("BAD=\"1.5\" is not allowed: expected a decimal number from 0 to 1");
    assertThatThrownBy(() -> config.decimal("NAN", BigDecimal.ZERO, BigDecimal.ZERO, one))
        .hasMessageStartingWith("NAN=\"x\" is not allowed");
  }

  @Test
  void flagsAreZeroOrOne() {
    ServiceConfig config = ServiceConfig.of(Map.of("ON", "1", "OFF", "0", "YES", "yes"));

    assertThat(config.bool01("ON", false)).isTrue();
    assertThat(config.bool01("OFF", true)).isFalse();
    assertThatThrownBy(() -> config.bool01("YES", false))
        .hasMessage("YES=\"yes\" is not allowed: expected one of 0|1");
  }

  @Test
  void listsAndAddressesAreChecked() {
    ServiceConfig config =
        ServiceConfig.of(
            Map.of("IDS", "BTC-USD, ETH-USD", "HOLE", "a,,b", "ADDR", "h:1", "NOPORT", "h"));

    assertThat(config.list("IDS", "")).containsExactly("BTC-USD", "ETH-USD");
    assertThatThrownBy(() -> config.list("HOLE", "")).hasMessageStartingWith("HOLE=\"a,,b\"");
    assertThat(config.hostPort("ADDR", "x:2")).isEqualTo("h:1");
    assertThatThrownBy(() -> config.hostPort("NOPORT", "x:2"))
        .hasMessage("NOPORT=\"h\" is not allowed: expected host:port with a port from 1 to 65535");
  }

  @Test
  void requiredVariableSaysWhatToSet() {
    assertThatThrownBy(() -> ServiceConfig.of(Map.of()).required("KAFKA_BROKERS", "host:port"))
        .hasMessage("KAFKA_BROKERS is required: host:port");
  }

  @Test
  void dotEnvFillsInAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "A=from-file\nB=from-file\n");

    ServiceConfig config = ServiceConfig.load(dir, Map.of("B", "from-env"));

    assertThat(config.string("A", "-")).isEqualTo("from-file");
    assertThat(config.string("B", "-")).isEqualTo("from-env");
  }

  @Test
  void badValueInDotEnvIsReportedLikeAnyOther(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "RISK_GRPC_PORT=abc\n");

    ServiceConfig config = ServiceConfig.load(dir, Map.of());

    assertThatThrownBy(() -> ServiceRuntime.builder("risk-engine", "RISK", config))
        .hasMessageStartingWith("RISK_GRPC_PORT=\"abc\" is not allowed");
  }

  @Test
  void missingDotEnvIsFine(@TempDir Path dir) {
    assertThat(ServiceConfig.load(dir, Map.of("X", "1")).list("X", "")).isEqualTo(List.of("1"));
  }
}
