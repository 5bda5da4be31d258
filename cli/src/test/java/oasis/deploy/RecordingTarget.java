package oasis.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.Tracks;

/**
 * An in-process target for the deploy engine's tests: records every plan it is asked to converge to
 * (and whether make-before-break), "runs" the last one, and fails the instances a predicate names.
 * Its traffic split records the weights.
 */
final class RecordingTarget implements Target, Tracks {

  /** One call: the plan, and whether it came through {@link #replace}. */
  record Call(Plan plan, boolean replace) {
    /** Instance name to the version it was planned with. */
    Map<String, String> versions() {
      Map<String, String> out = new TreeMap<>();
      plan.instances().forEach(i -> out.put(i.name(), i.env().get("OASIS_VERSION")));
      return out;
    }
  }

  final List<Call> calls = new ArrayList<>();
  final List<String> weights = new ArrayList<>();
  int downs;
  private Predicate<PlannedInstance> failing = i -> false;
  private Plan running;

  /** From now on, the instances {@code p} names do not become ready. */
  RecordingTarget failWhen(Predicate<PlannedInstance> p) {
    this.failing = p;
    return this;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    return Set.of(InstanceKind.KAFKA);
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    return converge(plan, false);
  }

  @Override
  public ApplyResult replace(Plan plan, Duration timeout, Consumer<String> progress) {
    return converge(plan, true);
  }

  private ApplyResult converge(Plan plan, boolean replace) {
    calls.add(new Call(plan, replace));
    running = plan;
    return plan.instances().stream()
        .filter(failing)
        .findFirst()
        .map(i -> ApplyResult.failed(i.name(), "probe refused", List.of("boom")))
        .orElse(ApplyResult.ok());
  }

  @Override
  public java.util.Optional<Tracks> tracks() {
    return java.util.Optional.of(this);
  }

  @Override
  public TargetStatus status() {
    List<InstanceStatus> out = new ArrayList<>();
    if (running != null) {
      for (PlannedInstance i : running.instances()) {
        boolean ok = !failing.test(i);
        out.add(
            new InstanceStatus(
                i.name(),
                i.component(),
                i.kind(),
                i.track(),
                i.env().get("OASIS_VERSION"),
                i.artifact(),
                true,
                ok,
                ok ? null : "probe refused",
                0,
                null,
                Map.of()));
      }
    }
    return new TargetStatus(running != null, out, List.of());
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    downs++;
    running = null;
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink) {}

  @Override
  public void setWeight(String track, int weight, Collection<String> components) {
    weights.add(track + "=" + weight + " " + components);
  }

  @Override
  public List<String> metrics(String component, String track) {
    return List.of();
  }
}
