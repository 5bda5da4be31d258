package oasis.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvingTargetTest {

  @TempDir Path dir;

  /** A target that records the plans it is asked to converge to. */
  static final class Recording implements Target {
    final List<Plan> applied = new ArrayList<>();

    @Override
    public String name() {
      return "local";
    }

    @Override
    public Set<InstanceKind> infrastructure() {
      return Set.of();
    }

    @Override
    public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
      applied.add(plan);
      return ApplyResult.ok();
    }

    @Override
    public TargetStatus status() {
      return new TargetStatus(false, List.of(), List.of());
    }

    @Override
    public void down(Duration grace, Consumer<String> progress) {}

    @Override
    public void logs(String instance, int tail, boolean follow, Consumer<String> sink) {}
  }

  private static Plan plan(Map<String, String> env) {
    return new Plan(
        "staging",
        "1.0.0",
        "abc",
        List.of(
            new PlannedInstance(
                "order-manager",
                "order-manager",
                InstanceKind.SERVICE,
                "stable",
                "sha256:1",
                "Main",
                env,
                Map.of(),
                List.of())),
        List.of());
  }

  @Test
  void theTargetReceivesResolvedValuesWhileThePlanKeepsTheReference() {
    Recording inner = new Recording();
    Target target =
        new ResolvingTarget(
            inner, SecretResolver.of(dir, Map.of("CI_KEY", "planted-value"), "local"));
    Plan plan = plan(Map.of("COINBASE_API_KEY", "${env:CI_KEY}", "ORDER_MANAGER_MODE", "paper"));

    target.apply(plan, Duration.ofSeconds(1), s -> {});

    assertThat(inner.applied.get(0).instances().get(0).env())
        .containsEntry("COINBASE_API_KEY", "planted-value")
        .containsEntry("ORDER_MANAGER_MODE", "paper");
    assertThat(plan.instances().get(0).env()).containsEntry("COINBASE_API_KEY", "${env:CI_KEY}");
  }

  @Test
  void everyTargetMethodIsForwardedNotLeftToADefault() throws Exception {
    // a default method left in place would bypass the real target's own implementation
    for (Method m : Target.class.getMethods()) {
      assertThat(
              ResolvingTarget.class
                  .getMethod(m.getName(), m.getParameterTypes())
                  .getDeclaringClass())
          .as("ResolvingTarget overrides " + m.getName())
          .isEqualTo(ResolvingTarget.class);
    }
  }

  @Test
  void anUnresolvableReferenceFailsBeforeTheTargetIsTouched() {
    Recording inner = new Recording();
    Target target = new ResolvingTarget(inner, SecretResolver.of(dir, Map.of(), "local"));

    assertThatThrownBy(
            () ->
                target.apply(
                    plan(Map.of("COINBASE_API_KEY", "file:missing.key")),
                    Duration.ofSeconds(1),
                    s -> {}))
        .hasMessageContaining("COINBASE_API_KEY of order-manager")
        .hasMessageContaining("file:missing.key");
    assertThat(inner.applied).as("nothing stopped or started").isEmpty();
  }
}
