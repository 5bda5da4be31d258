package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import oasis.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

/**
 * The per-product staleness and gap alerts, under Prometheus's own {@code promtool test rules}, on
 * the metric names this connector really exports.
 */
class MarketDataAlertsIT {
  private static final Path TEMPLATES = Path.of("../../templates/observability");

  @Test
  void theStalenessAndGapAlertsPassTheirPromtoolTests() throws Exception {
    String binary =
        Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool")
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "promtool is not installed: apt-get install --no-install-recommends"
                            + " prometheus (.ci/run installs it)"));
    Process process =
        new ProcessBuilder(binary, "test", "rules", "alerts-tests/market-data.test.yml")
            .directory(TEMPLATES.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS");
  }

  @Test
  void theAlertsNameMetricsTheConnectorExports() throws Exception {
    ServiceMetrics registry = new ServiceMetrics("1.0.0", "stable");
    ConnectorMetrics metrics = new ConnectorMetrics(registry);
    new ProductClock(metrics, List.of("BTC-USD"));
    metrics.gaps.labelValues("BTC-USD").inc();
    String rules =
        Files.readString(TEMPLATES.resolve("alerts/oasis-alerts.yml"), StandardCharsets.UTF_8);

    for (String name :
        List.of("connector_product_last_message_timestamp_seconds", "connector_trade_gaps_total")) {
      assertThat(rules).contains(name);
      assertThat(registry.scrapeText()).contains(name + "{product_id=\"BTC-USD\"");
    }
  }
}
