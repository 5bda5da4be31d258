package oasis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import oasis.core.ProcessIdentity;
import oasis.testing.ColdJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning compares instances on every deploy and rollback, in a JVM that has just started. */
class PlannedInstanceEqualityTest {

  @TempDir Path dir;

  private static PlannedInstance base() {
    return new PlannedInstance(
        "orders",
        "orders",
        InstanceKind.SERVICE,
        "stable",
        "sha256:1",
        "o.Main",
        Map.of("A", "1"),
        Map.of("grpc", 1),
        List.of("kafka"));
  }

  @Test
  void everyFieldTakesPartInEquality() {
    List<UnaryOperator<PlannedInstance>> changes =
        List.of(
            i -> with(i, "x", 0),
            i -> with(i, "x", 1),
            i -> with(i, null, 2),
            i -> with(i, "x", 3),
            i -> with(i, "x", 4),
            i -> with(i, "x", 5),
            i -> with(i, "x", 6),
            i -> with(i, "x", 7),
            i -> with(i, "x", 8));
    assertThat(base()).isEqualTo(base()).hasSameHashCodeAs(base());
    for (int f = 0; f < changes.size(); f++) {
      assertThat(changes.get(f).apply(base())).as("field %d changed", f).isNotEqualTo(base());
    }
  }

  private static PlannedInstance with(PlannedInstance i, String v, int field) {
    return new PlannedInstance(
        field == 0 ? v : i.name(),
        field == 1 ? v : i.component(),
        field == 2 ? InstanceKind.KAFKA : i.kind(),
        field == 3 ? v : i.track(),
        field == 4 ? v : i.artifact(),
        field == 5 ? v : i.mainClass(),
        field == 6 ? Map.of("A", v) : i.env(),
        field == 7 ? Map.of("grpc", 2) : i.ports(),
        field == 8 ? List.of(v) : i.dependsOn());
  }

  @Test
  void comparingPlansBootstrapsNoRecordMethodsByInvokedynamic() throws Exception {
    ColdJvm jvm = ColdJvm.start(dir, ComparesPlans.class.getName());
    assertThat(jvm.exited(Duration.ofSeconds(60))).as("finished").isTrue();
    assertThat(jvm.output()).contains("[orders]", " true");
    assertThat(jvm.loadedClasses())
        .as("the log was read")
        .contains("oasis.runtime.PlannedInstance")
        .as("record equals/hashCode through ObjectMethods costs a cold JVM a third of a second")
        .noneMatch(c -> c.startsWith("java.lang.runtime.ObjectMethods"));
  }

  /** Compares two plans as a rollback does, and prints what changed. */
  static final class ComparesPlans {
    public static void main(String[] args) {
      PlannedInstance before = base();
      PlannedInstance after = with(base(), "sha256:2", 4);
      Plan a = new Plan("staging", "1", "c", List.of(before), List.of());
      Plan b = new Plan("staging", "2", "c", List.of(after), List.of());
      // and what every command that held an environment's lock compares when it lets go
      ProcessIdentity me = ProcessIdentity.current();
      boolean same = me.equals(ProcessIdentity.of(ProcessHandle.current()));
      System.out.println(a.changedIn(b) + " " + before.hashCode() + " " + same + me.hashCode());
    }
  }
}
