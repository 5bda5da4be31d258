package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  static Plan plan() {
    return new Plan(
        "s",
        "1",
        "c",
        List.of(
            new PlannedInstance(
                "a",
                "a",
                InstanceKind.SERVICE,
                "stable",
                "d",
                "M",
                Map.of(),
                Map.of("grpc", 40001, "metrics", 40002),
                List.of()),
            new PlannedInstance(
                "b",
                "b",
                InstanceKind.SERVICE,
                "stable",
                "d",
                "M",
                Map.of(),
                Map.of("grpc", 40003),
                List.of())),
        List.of());
  }

  @Test
  void declaredPortsAreUsedWhenFree() {
    var a = new PortAllocator(p -> true).assign(plan(), null, Set.of(), n -> {});
    assertThat(a.get("a")).containsEntry("grpc", 40001).containsEntry("metrics", 40002);
    assertThat(a.get("b")).containsEntry("grpc", 40003);
  }

  @Test
  void aBusyPortIsReplacedAndTheNoticeNamesIt() {
    List<String> notices = new ArrayList<>();
    var a = new PortAllocator(p -> p != 40001).assign(plan(), null, Set.of(), notices::add);
    assertThat(a.get("a").get("grpc")).isNotEqualTo(40001);
    assertThat(notices).singleElement().asString().contains("40001", "grpc of a");
  }

  @Test
  void portsOfOurOwnRunningInstancesAreKept() {
    PortAllocator.Assignment before = new PortAllocator.Assignment();
    before.put("a", Map.of("grpc", 41000, "metrics", 41001));
    var a = new PortAllocator(p -> p == 40003).assign(plan(), before, Set.of("a"), n -> {});
    assertThat(a.get("a")).containsEntry("grpc", 41000).containsEntry("metrics", 41001);
  }
}
