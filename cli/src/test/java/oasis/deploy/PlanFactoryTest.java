package oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.config.Overrides;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.state.ComponentVersion;
import org.junit.jupiter.api.Test;

/** Plans from the project's real oasis.yaml. */
class PlanFactoryTest {

  static final Project PROJECT = ProjectLoader.load(Path.of("..").toAbsolutePath().normalize());

  static Release release(String version) {
    Map<String, String> artifacts = new java.util.TreeMap<>();
    PROJECT.config().components().keySet().forEach(n -> artifacts.put(n, "sha256:" + n + version));
    artifacts.put("kafka", "sha256:kafka");
    return new Release(version, "abc", artifacts);
  }

  static Plan plan(Release r, Map<String, String> overrides, Set<InstanceKind> kinds) {
    return PlanFactory.plan(
        PROJECT.config(),
        "staging",
        PROJECT.environment("staging").getValue(),
        r,
        Map.of(),
        overrides,
        Map.of(),
        kinds,
        kind -> "the test target has no " + kind);
  }

  @Test
  void withoutRedisServerTheServicesRunInMemoryAndThePlanSaysSo() {
    Plan p = plan(release("1.0.0"), Map.of(), EnumSet.of(InstanceKind.KAFKA));
    assertThat(p.instances().stream().map(PlannedInstance::name)).doesNotContain("redis");
    assertThat(p.instances().get(0).name()).isEqualTo("kafka");
    assertThat(p.notes())
        .as("the target's own reason, in the target-neutral plan")
        .anyMatch(
            n ->
                n.contains("in-memory")
                    && n.contains("the test target has no REDIS")
                    && n.contains("RISK_USE_REDIS=0"));
    PlannedInstance om = p.instance("order-manager").orElseThrow();
    assertThat(om.dependsOn()).containsExactly("kafka");
    assertThat(om.env())
        .containsEntry("OASIS_VERSION", "1.0.0")
        .containsEntry("ORDER_MANAGER_MODE", "paper");
  }

  @Test
  void withRedisServerRedisStartsBeforeItsDependents() {
    Plan p = plan(release("1.0.0"), Map.of(), EnumSet.allOf(InstanceKind.class));
    List<String> order = p.instances().stream().map(PlannedInstance::name).toList();
    assertThat(order.indexOf("redis")).isLessThan(order.indexOf("order-manager"));
    assertThat(order.indexOf("order-manager")).isLessThan(order.indexOf("risk-engine"));
    assertThat(order.indexOf("risk-engine")).isLessThan(order.indexOf("strategy-framework"));
    assertThat(p.instance("kafka").orElseThrow().env().get("KAFKA_TOPICS"))
        .contains("control.commands:1");
  }

  @Test
  void overridesReachOnlyTheirComponent() {
    Plan p =
        plan(
            release("1.0.0"),
            Map.of("order-manager.OASIS_FAULT_ERROR_RATE", "0.3"),
            EnumSet.of(InstanceKind.KAFKA));
    assertThat(p.instance("order-manager").orElseThrow().env())
        .containsEntry("OASIS_FAULT_ERROR_RATE", "0.3");
    assertThat(p.instance("risk-engine").orElseThrow().env())
        .doesNotContainKey("OASIS_FAULT_ERROR_RATE");
  }

  @Test
  void aReleaseWithoutAComponentsArtifactIsBadInput() {
    Release partial = new Release("1.0.0", "abc", Map.of("kafka", "sha256:k"));
    assertThatThrownBy(() -> plan(partial, Map.of(), EnumSet.of(InstanceKind.KAFKA)))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("has no artifact for");
  }

  @Test
  void anUnchangedComponentKeepsItsVersionSoOnlyChangedOnesRestart() {
    Plan a = plan(release("1.0.0"), Map.of(), EnumSet.of(InstanceKind.KAFKA));
    Map<String, String> artifacts = new java.util.TreeMap<>(release("1.0.0").artifacts());
    artifacts.put("order-manager", "sha256:new");
    Map<String, ComponentVersion> versions = new java.util.TreeMap<>();
    PROJECT
        .config()
        .components()
        .keySet()
        .forEach(n -> versions.put(n, new ComponentVersion("1.0.0", "abc")));
    versions.put("order-manager", new ComponentVersion("1.1.0", "def"));
    Plan b =
        PlanFactory.plan(
            PROJECT.config(),
            "staging",
            PROJECT.environment("staging").getValue(),
            new Release("1.1.0", "def", artifacts),
            versions,
            Map.of(),
            Map.of(),
            EnumSet.of(InstanceKind.KAFKA),
            kind -> "the test target has no " + kind);
    assertThat(a.changedIn(b)).containsExactly("order-manager");
  }

  @Test
  void setsAreParsedAndSecretsRedactedForTheLedger() {
    Map<String, String> o =
        Overrides.parse(
            List.of(
                "order-manager.OASIS_FAULT_ERROR_RATE=0.3",
                "order-manager.EXCHANGE_API_SECRET=s3cr3t",
                "kafka.X=a=b"),
            Set.of("order-manager", "kafka"));
    assertThat(o).containsEntry("kafka.X", "a=b");
    assertThat(Overrides.redacted(o))
        .containsEntry("order-manager.OASIS_FAULT_ERROR_RATE", "0.3")
        .containsEntry("order-manager.EXCHANGE_API_SECRET", "***")
        .doesNotContainValue("s3cr3t");
    assertThatThrownBy(() -> Overrides.parse(List.of("nope.X=1"), Set.of("order-manager")))
        .hasMessageContaining("unknown component 'nope'");
    assertThatThrownBy(
            () -> Overrides.parse(List.of("order-manager.API_KEY"), Set.of("order-manager")))
        .hasMessageContaining("malformed --set");
  }
}
