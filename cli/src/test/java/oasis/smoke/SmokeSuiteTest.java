package oasis.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oasis.config.ProjectLoader;
import oasis.config.SmokeConfig;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import org.junit.jupiter.api.Test;

class SmokeSuiteTest {

  static PlannedInstance service(String name) {
    return new PlannedInstance(
        name, name, InstanceKind.SERVICE, "stable", "d", "M", Map.of(), Map.of(), List.of("kafka"));
  }

  @Test
  void theSuiteFollowsWhatThePlanRuns() {
    var project = ProjectLoader.load(Path.of("..").toAbsolutePath().normalize()).config();
    Plan plan =
        new Plan(
            "staging",
            "1.0.0",
            "c",
            List.of(
                new PlannedInstance(
                    "kafka",
                    "kafka",
                    InstanceKind.KAFKA,
                    "stable",
                    "k",
                    "K",
                    Map.of(),
                    Map.of(),
                    List.of()),
                service("data-normalizer"),
                service("risk-engine"),
                service("order-manager")),
            List.of());
    List<String> names =
        Smoke.suite(project, plan, SmokeSettings.of(project.smoke())).stream()
            .map(SmokeCheck::name)
            .toList();
    assertThat(names)
        .containsSubsequence(
            "ready/kafka",
            "ready/data-normalizer",
            "grpc-health/data-normalizer",
            "kafka-topics",
            "consumer-lag/data-normalizer",
            "probe/market-data",
            "probe/order-path",
            "latency/risk-engine",
            "latency/order-manager",
            "error-rate/data-normalizer",
            "error-rate/order-manager");
    assertThat(names)
        .as("no strategy-framework in this plan")
        .noneMatch(n -> n.endsWith("strategy-framework"))
        .doesNotContain("grpc-health/kafka");
  }

  @Test
  void theProjectsSmokeSectionMatchesTheDocumentedDefaults() {
    var smoke = ProjectLoader.load(Path.of("..").toAbsolutePath().normalize()).config().smoke();
    SmokeConfig defaults = SmokeConfig.defaults();
    assertThat(smoke.budgets()).isEqualTo(defaults.budgets());
    assertThat(smoke).usingRecursiveComparison().ignoringFields("latency").isEqualTo(defaults);
  }

  @Test
  void badSmokeValuesAreReportedWithTheirLines() throws Exception {
    Path dir = Files.createTempDirectory("smoke-config");
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        project: p
        defaultEnvironment: staging
        components:
          risk-engine: {module: m, mainClass: M}
        environments:
          staging: {target: local}
        smoke:
          maxErrorRate: 1.5
          probeTimeout: soon
          quantity: "0.000000001"
          latency:
            nobody: {metric: x_seconds, p95: 1s}
            risk-engine: {metric: "bad name", p95: 500ms}
        """);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ProjectLoader.load(dir)))
        .hasMessageContaining("oasis.yaml:8")
        .hasMessageContaining("maxErrorRate 1.5")
        .hasMessageContaining("oasis.yaml:9")
        .hasMessageContaining("probeTimeout 'soon'")
        .hasMessageContaining("oasis.yaml:10")
        .hasMessageContaining("oasis.yaml:12")
        .hasMessageContaining("unknown component 'nobody'")
        .hasMessageContaining("oasis.yaml:13");
  }
}
