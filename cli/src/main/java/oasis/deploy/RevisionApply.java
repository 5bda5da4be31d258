package oasis.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.state.Revision;

/**
 * Applies one drafted revision to the target (all at once, or as a rollback): begins it in the
 * ledger, succeeds it when ready and checked, else fails it and returns the environment to the
 * revision before (or stops it when there was none).
 */
final class RevisionApply {

  private final String envName;
  private final Target target;
  private final Revisions revisions;
  private final Consumer<String> progress;
  private final Function<Revision, Plan> planOf;

  RevisionApply(
      String envName,
      Target target,
      Revisions revisions,
      Consumer<String> progress,
      Function<Revision, Plan> planOf) {
    this.envName = envName;
    this.target = target;
    this.revisions = revisions;
    this.progress = progress;
    this.planOf = planOf;
  }

  Deployer.Outcome apply(
      Revision draft,
      Plan plan,
      Map<String, String> overrides,
      Optional<Revision> current,
      Duration timeout,
      boolean rollback,
      PostDeployCheck check) {
    int number = revisions.begin(draft, overrides);
    Plan before = current.map(planOf).orElse(null);
    announce(draft, plan, before, number, rollback);
    ApplyResult result = run(plan, timeout, rollback, number);
    String checkFailure = result.ready() && check != null ? check.verify(plan) : null;
    if (result.ready() && checkFailure == null) {
      revisions.succeed(number, rollback);
      return new Deployer.Outcome(
          number,
          draft.version(),
          true,
          "revision " + number + " (" + draft.version() + ") is healthy on " + envName);
    }
    String reason =
        checkFailure != null
            ? checkFailure
            : result.failedInstance() + " did not become ready: " + result.reason();
    revisions.fail(number, reason);
    String back = restore(before, current, timeout);
    throw failure(draft, number, rollback, reason, result, checkFailure, back);
  }

  private void announce(Revision draft, Plan plan, Plan before, int number, boolean rollback) {
    List<String> changed =
        before == null
            ? plan.instances().stream().map(PlannedInstance::name).toList()
            : before.changedIn(plan);
    progress.accept(
        (rollback ? "rollback" : "deploy")
            + " of "
            + draft.version()
            + " to "
            + envName
            + " as revision "
            + number
            + (changed.isEmpty() ? "" : "; starting " + String.join(", ", changed)));
    plan.notes().forEach(n -> progress.accept("  note: " + n));
  }

  private ApplyResult run(Plan plan, Duration timeout, boolean rollback, int number) {
    try {
      return rollback
          ? target.replace(plan, timeout, progress)
          : target.apply(plan, timeout, progress);
    } catch (RuntimeException e) {
      // e.g. no Docker engine: the revision did not happen; never leave it 'progressing'
      revisions.fail(number, "the target failed: " + e.getMessage());
      throw e;
    }
  }

  /** Returns the environment to the revision before; says where it stands now. */
  private String restore(Plan before, Optional<Revision> current, Duration timeout) {
    if (current.isEmpty()) {
      target.down(Deployer.GRACE, progress);
      return "There was no earlier revision: the environment is stopped.";
    }
    Revision previous = current.get();
    progress.accept(
        "returning "
            + envName
            + " to revision "
            + previous.revision()
            + " ("
            + previous.version()
            + ")");
    ApplyResult restored = target.apply(before, timeout, progress);
    return restored.ready()
        ? "The environment is back on revision "
            + previous.revision()
            + " ("
            + previous.version()
            + ") and serving."
        : "Returning to revision "
            + previous.revision()
            + " failed too ("
            + restored.failedInstance()
            + ": "
            + restored.reason()
            + "); see 'oasis status'.";
  }

  private OasisException failure(
      Revision draft,
      int number,
      boolean rollback,
      String reason,
      ApplyResult result,
      String checkFailure,
      String back) {
    StringBuilder msg =
        new StringBuilder(
            (rollback ? "rollback" : "deploy")
                + " of "
                + draft.version()
                + " failed (revision "
                + number
                + "): "
                + reason);
    if (!result.lastLogLines().isEmpty()) {
      msg.append("\n  last lines of ").append(result.failedInstance()).append("'s log:");
      result.lastLogLines().forEach(l -> msg.append("\n    ").append(l));
    }
    return new OasisException(
        OasisException.Kind.FAILED,
        msg.toString(),
        back
            + " Logs: oasis logs "
            + (checkFailure != null ? "COMPONENT" : result.failedInstance())
            + " --env "
            + envName
            + ".");
  }
}
