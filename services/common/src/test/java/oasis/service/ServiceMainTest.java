package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMainTest {

  @Test
  void badValueStopsTheServiceWithExitCodeTwoAndOneLine() {
    ServiceConfig config = ServiceConfig.of(Map.of("ORDER_MANAGER_MODE", "live"));

    Outcome outcome =
        run(
            config,
            service -> service.config().oneOf("ORDER_MANAGER_MODE", "paper", "paper", "real"));

    assertThat(outcome.code).isEqualTo(2);
    assertThat(outcome.stderr)
        .isEqualTo(
            "order-manager: configuration error: ORDER_MANAGER_MODE=\"live\" is not allowed:"
                + " expected one of paper|real"
                + System.lineSeparator());
  }

  @Test
  void badKitVariableIsReportedBeforeTheSetupRuns() {
    ServiceConfig config = ServiceConfig.of(Map.of("ORDER_MANAGER_METRICS_PORT", "abc"));

    Outcome outcome =
        run(
            config,
            service -> {
              throw new AssertionError("setup must not run");
            });

    assertThat(outcome.code).isEqualTo(2);
    assertThat(outcome.stderr).contains("ORDER_MANAGER_METRICS_PORT=\"abc\"").doesNotContain("at ");
  }

  private record Outcome(int code, String stderr) {}

  private static Outcome run(ServiceConfig config, ServiceMain.Setup setup) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = ServiceMain.execute("order-manager", "ORDER_MANAGER", config, setup);
      return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
