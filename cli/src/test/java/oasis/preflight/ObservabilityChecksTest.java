package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityChecksTest {

  private static final String MARKET_FLOW = "templates/observability/dashboards/market-flow.json";

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
  }

  @Test
  void repositoryDashboardsQueryOnlyCataloguedMetrics() {
    CheckOutcome o = fixture.runOnly("grafana-dashboards");
    assertThat(o.status()).as(o.findings().toString()).isEqualTo(Status.PASS);
    assertThat(o.message()).contains("3 dashboards");
  }

  @Test
  void panelNamingAnUnknownMetricFailsNamingFileLineAndFix() {
    fixture.replace(
        MARKET_FLOW, "rate(strategy_trades_processed_total[", "rate(strategy_trades_total[");
    int line = lineOf(MARKET_FLOW, "strategy_trades_total");

    CheckOutcome o = fixture.runOnly("grafana-dashboards");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(MARKET_FLOW));
              assertThat(f.line()).isEqualTo(line);
              assertThat(f.message()).contains("'strategy_trades_total' that no service exports");
              assertThat(f.fix()).contains("templates/observability/metrics.yaml");
            });
  }

  @Test
  void invalidJsonFailsWithItsLine() {
    fixture.replace(MARKET_FLOW, "\"title\": \"Market flow\",", "\"title\": \"Market flow\",,");
    CheckOutcome o = fixture.runOnly("grafana-dashboards");
    assertThat(o.findings())
        .extracting(Finding::describe)
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(MARKET_FLOW + ":" + lineOf(MARKET_FLOW, "\"Market flow\",,"))
                    .contains("not valid JSON"))
        .anySatisfy(d -> assertThat(d).contains("no dashboard titled 'Market flow'"));
  }

  @Test
  void promtoolMissingIsAWarningNeverAPass() {
    CheckOutcome o = fixture.runOnly("prometheus-rules");
    assertThat(o.status()).isEqualTo(Status.WARN);
    assertThat(o.findings())
        .extracting(Finding::message)
        .containsExactly("skipped: promtool not found");
  }

  @Test
  void missingRequiredAlertAndWrongThresholdFail() {
    String rules = "templates/observability/alerts/oasis-alerts.yml";
    fixture.replace(rules, "- alert: OasisReadinessFailing", "- alert: OasisReadinessFlapping");
    fixture.replace(
        rules,
        "risk_validation_duration_seconds_bucket[5m]))) > 0.5",
        "risk_validation_duration_seconds_bucket[5m]))) > 5");
    CheckOutcome o = fixture.runOnly("prometheus-rules");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::describe)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains(
                        "no alert 'OasisReadinessFailing' (readiness failing 3 checks in a row)"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(rules + ":" + lineOf(rules, "alert: OasisRiskValidationSlow"))
                    .contains("does not express risk validation p95 above 500 ms"));
  }

  private int lineOf(String file, String text) {
    var lines = fixture.read(file).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + text + " in " + file);
  }
}
