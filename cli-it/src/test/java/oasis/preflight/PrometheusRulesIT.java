package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prometheus-rules check against the real promtool (.ci/run installs Debian's prometheus). */
class PrometheusRulesIT {

  private static final String RULES = "templates/observability/alerts/oasis-alerts.yml";

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
    assertThat(
            CheckContext.systemPath().stream()
                .anyMatch(d -> d.resolve("promtool").toFile().canExecute()))
        .as("promtool on PATH (apt-get install --no-install-recommends prometheus)")
        .isTrue();
  }

  private CheckOutcome run() {
    PreflightReport report =
        fixture.run(
            new Preflight.Options(null, null, List.of("prometheus-rules"), false),
            Fixture.MONDAY_MORNING,
            CheckContext.systemPath());
    return report.outcomes().get(0);
  }

  @Test
  void repositoryRulesPassPromtool() {
    CheckOutcome o = run();
    assertThat(o.status()).as(o.findings().toString()).isEqualTo(Status.PASS);
    assertThat(o.message()).contains("pass promtool check rules");
  }

  @Test
  void invalidPromQlFailsNamingFileLineAndFix() {
    fixture.replace(
        RULES,
        "expr: histogram_quantile(0.95, sum by (le) (rate(risk_validation_duration_seconds_bucket[5m]))) > 0.5",
        "expr: histogram_quantile(0.95, sum by (le) (rate(risk_validation_duration_seconds_bucket[5m])) > 0.5");
    int line =
        fixture
                .read(RULES)
                .lines()
                .toList()
                .indexOf(
                    fixture
                        .read(RULES)
                        .lines()
                        .filter(l -> l.contains("[5m])) > 0.5"))
                        .findFirst()
                        .orElseThrow())
            + 1;

    CheckOutcome o = run();

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .filteredOn(f -> f.message().startsWith("promtool:"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(RULES));
              assertThat(f.line()).isEqualTo(line);
              assertThat(f.message())
                  .contains("OasisRiskValidationSlow", "could not parse expression");
              assertThat(f.fix()).isEqualTo("fix the rule");
            });
  }

  @Test
  void unknownRuleFieldIsReportedWithItsLine() {
    fixture.replace(RULES, "        for: 5m\n", "        for: 5m\n        fore: 5m\n");
    CheckOutcome o = run();
    assertThat(o.findings())
        .extracting(Finding::describe)
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(RULES + ":")
                    .contains("promtool:", "field fore not found"));
  }
}
