package oasis.secrets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.Tracks;

/**
 * A target that resolves the secret references of a plan just before it converges, so that the
 * engine, the ledger and every plan it prints hold references only, and an unresolvable reference
 * fails before anything is stopped.
 */
public final class ResolvingTarget implements Target {

  private final Target target;
  private final SecretResolver resolver;

  public ResolvingTarget(Target target, SecretResolver resolver) {
    this.target = target;
    this.resolver = resolver;
  }

  /** The target that converges, for what only it knows (e.g. where it keeps state). */
  public Target delegate() {
    return target;
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    return target.infrastructure();
  }

  @Override
  public String unavailable(InstanceKind kind) {
    return target.unavailable(kind);
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    return target.apply(resolve(plan), timeout, progress);
  }

  @Override
  public ApplyResult replace(Plan plan, Duration timeout, Consumer<String> progress) {
    return target.replace(resolve(plan), timeout, progress);
  }

  /** {@code plan} with the secret references of every instance's variables resolved. */
  Plan resolve(Plan plan) {
    List<PlannedInstance> instances =
        plan.instances().stream()
            .map(
                i ->
                    new PlannedInstance(
                        i.name(),
                        i.component(),
                        i.kind(),
                        i.track(),
                        i.artifact(),
                        i.mainClass(),
                        resolver.resolve(i.name(), i.env()),
                        i.ports(),
                        i.dependsOn()))
            .toList();
    return new Plan(plan.environment(), plan.version(), plan.commit(), instances, plan.notes());
  }

  @Override
  public Optional<oasis.security.ClientTls> clientTls() {
    return target.clientTls();
  }

  @Override
  public Optional<Tracks> tracks() {
    return target.tracks();
  }

  @Override
  public TargetStatus status() {
    return target.status();
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    target.down(grace, progress);
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    target.logs(instance, tail, follow, sink);
  }
}
