package oasis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

  static PlannedInstance svc(
      String name, String digest, List<String> deps, Map<String, String> env) {
    return new PlannedInstance(
        name, name, InstanceKind.SERVICE, "stable", digest, "M", env, Map.of("grpc", 1), deps);
  }

  @Test
  void instancesAreOrderedDependenciesFirst() {
    Plan p =
        new Plan(
            "staging",
            "1",
            "c",
            List.of(
                svc("strategy", "d", List.of("risk", "kafka"), Map.of()),
                svc("risk", "d", List.of("orders"), Map.of()),
                svc("orders", "d", List.of("kafka"), Map.of()),
                new PlannedInstance(
                    "kafka",
                    "kafka",
                    InstanceKind.KAFKA,
                    "stable",
                    "k",
                    "K",
                    Map.of(),
                    Map.of(),
                    List.of())),
            List.of());
    assertThat(p.instances().stream().map(PlannedInstance::name))
        .containsExactly("kafka", "orders", "risk", "strategy");
  }

  @Test
  void aCycleIsRejected() {
    assertThatThrownBy(
            () ->
                new Plan(
                    "s",
                    "1",
                    "c",
                    List.of(
                        svc("a", "d", List.of("b"), Map.of()),
                        svc("b", "d", List.of("a"), Map.of())),
                    List.of()))
        .hasMessageContaining("cycle");
  }

  @Test
  void diffNamesOnlyChangedNewAndRemovedInstances() {
    Plan before =
        new Plan(
            "s",
            "1",
            "c",
            List.of(
                svc("a", "d1", List.of(), Map.of("X", "1")),
                svc("b", "d2", List.of(), Map.of()),
                svc("gone", "d3", List.of(), Map.of())),
            List.of());
    Plan after =
        new Plan(
            "s",
            "2",
            "c",
            List.of(
                svc("a", "d1", List.of(), Map.of("X", "1")),
                svc("b", "d2", List.of(), Map.of("OASIS_FAULT_ERROR_RATE", "0.3")),
                svc("new", "d4", List.of(), Map.of())),
            List.of());
    assertThat(before.changedIn(after)).containsExactly("b", "new");
    assertThat(before.removedIn(after)).containsExactly("gone");
    assertThat(after.changedIn(after)).isEmpty();
  }
}
