package oasis.deploy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import oasis.config.EnvironmentConfig;
import oasis.config.Overrides;
import oasis.config.RolloutConfig;
import oasis.core.OasisException;
import oasis.deploy.rollout.Phase;
import oasis.deploy.rollout.RolloutDriver;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.RolloutStore;
import oasis.deploy.rollout.Strategies;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.MetricsEndpoints;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.runtime.TrafficSplit;
import oasis.state.EnvironmentLock;
import oasis.state.Ledger;
import oasis.state.Revision;

/**
 * Canary and blue/green deploys over the deploy engine: the changed components start on a new track
 * beside stable (with the {@code --set} overrides, which stable never sees), the rollout walks its
 * steps under the environment's lock, and ends promoted (the revision is the new stable) or aborted
 * (traffic back on stable, the new track stopped, the revision failed: exit 1). It needs the
 * target's {@link oasis.runtime.Tracks}: a target without them is refused.
 */
public final class ProgressiveDeployer {

  private final Deployer deployer;
  private final String envName;
  private final EnvironmentConfig env;
  private final Path envDir;
  private final Target target;
  private final TrafficSplit traffic;
  private final MetricsEndpoints endpoints;
  private final Clock clock;
  private final Consumer<String> progress;
  private final String command;
  private final Revisions revisions;
  private final RolloutStore rollouts;
  private final Rollouts control;

  public ProgressiveDeployer(
      Deployer deployer,
      oasis.config.Project project,
      String envName,
      Target target,
      TrafficSplit traffic,
      MetricsEndpoints endpoints,
      Clock clock,
      Consumer<String> progress,
      String command) {
    this.deployer = deployer;
    this.envName = envName;
    this.env = project.environment(envName).getValue();
    this.envDir = Deployer.envDir(project, envName);
    this.target = target;
    this.traffic = traffic;
    this.endpoints = endpoints;
    this.clock = clock;
    this.progress = progress;
    this.command = command;
    this.revisions = deployer.revisions();
    this.rollouts = new RolloutStore(envDir, env.historyLimit());
    this.control = new Rollouts(this);
  }

  /** The strategy of {@code deploy --strategy}, or the environment's default when null. */
  public String strategy(String flag) {
    String s = flag == null ? env.rollout().strategy() : flag;
    if (!RolloutConfig.STRATEGIES.contains(s)) {
      throw OasisException.badInput(
          "unknown strategy '" + s + "'",
          "Use one of: " + String.join(", ", RolloutConfig.STRATEGIES) + ".");
    }
    if (!RolloutConfig.ALL_AT_ONCE.equals(s) && traffic == null) {
      throw OasisException.badInput(
          "strategy '"
              + s
              + "' needs a traffic split between tracks, which the "
              + target.name()
              + " target of '"
              + envName
              + "' does not have yet",
          "Deploy with --strategy all-at-once there; canary and blue-green run on the local and"
              + " docker targets.");
    }
    return s;
  }

  public Deployer.Outcome deploy(
      Supplier<Release> source,
      List<String> sets,
      Duration timeout,
      String strategy,
      boolean dryRun,
      PostDeployCheck check) {
    boolean progressive = !RolloutConfig.ALL_AT_ONCE.equals(strategy);
    if (!progressive || dryRun) {
      Deployer.Outcome o = deployer.deploy(source, sets, timeout, dryRun, check);
      return !progressive ? o : withSteps(o, strategy);
    }
    if (revisions.ledger().currentRevision().isEmpty()) {
      progress.accept(
          "nothing runs on " + envName + " yet: deploying all-at-once, not " + strategy);
      return deployer.deploy(source, sets, timeout, false, check);
    }
    Map<String, String> overrides = Overrides.parse(sets, deployer.known());
    deployer.admitBeforeBuilding(source);
    try (EnvironmentLock lock = revisions.lock()) {
      Ledger ledger = revisions.recover();
      control.settleInterrupted(ledger);
      Revision current = ledger.currentRevision().orElseThrow();
      Release release = deployer.gate().admit(source.get());
      var versions = deployer.versions(release, overrides, Optional.of(current));
      Plan next = deployer.plan(release, versions, overrides);
      Plan stable = deployer.planOf(current);
      List<String> changed = changedServices(stable, next);
      if (changed.isEmpty()) {
        return nothingToDo(current);
      }
      String track = Strategies.trackOf(strategy);
      int number =
          revisions.begin(deployer.draft(release, versions, overrides, strategy, lock), overrides);
      RolloutState state = start(number, release, strategy, track, changed, next);
      ApplyResult up =
          target.apply(
              TargetRolloutActions.withTrack(stable, next, changed, track), timeout, progress);
      if (!up.ready()) {
        throw abortUnready(state, up, current, timeout);
      }
      state = state.ready(clock.instant());
      rollouts.save(state);
      return outcome(drive(state, timeout));
    }
  }

  /** A dry run's outcome, with the steps the strategy would walk. */
  private Deployer.Outcome withSteps(Deployer.Outcome o, String strategy) {
    return new Deployer.Outcome(
        o.revision(),
        o.version(),
        false,
        o.message()
            + "\nstrategy "
            + strategy
            + ": "
            + describe(strategy)
            + " for the changed components");
  }

  /** The services whose planned instance differs from stable's: those that get a new track. */
  private static List<String> changedServices(Plan stable, Plan next) {
    return next.instances().stream()
        .filter(i -> i.kind() == InstanceKind.SERVICE)
        .filter(i -> !i.equals(stable.instance(i.name()).orElse(null)))
        .map(PlannedInstance::name)
        .toList();
  }

  private Deployer.Outcome nothingToDo(Revision current) {
    return new Deployer.Outcome(
        current.revision(),
        current.version(),
        false,
        "revision "
            + current.revision()
            + " ("
            + current.version()
            + ") already runs these"
            + " artifacts on "
            + envName
            + ": nothing to do");
  }

  /** Records the rollout's start and puts the new track at weight 0 before it starts. */
  private RolloutState start(
      int number, Release release, String strategy, String track, List<String> changed, Plan next) {
    RolloutState state =
        RolloutState.start(
            number,
            release.version(),
            strategy,
            track,
            changed,
            Strategies.steps(env.rollout(), strategy, Strategies.realMoney(next)),
            ProcessHandle.current().pid(),
            clock.instant());
    rollouts.save(state);
    traffic.setWeight(track, 0, changed);
    progress.accept(
        strategy
            + " of "
            + release.version()
            + " to "
            + envName
            + " as revision "
            + number
            + ": starting "
            + String.join(", ", changed)
            + " on the "
            + track
            + " track");
    return state;
  }

  /** The new track never became ready: aborts the rollout; stable keeps every call. */
  private OasisException abortUnready(
      RolloutState state, ApplyResult up, Revision current, Duration timeout) {
    traffic.setWeight(state.track(), 0, state.components()); // a re-render, as every abort
    actions(timeout).abort(state, up.failedInstance() + " did not become ready: " + up.reason());
    rollouts.save(
        state.finished(
            Phase.ABORTED,
            clock.instant(),
            "aborted: " + up.failedInstance() + " did not become ready: " + up.reason(),
            oasis.deploy.rollout.Decision.OASIS));
    return OasisException.failed(
        state.strategy()
            + " of "
            + state.version()
            + " failed (revision "
            + state.revision()
            + "): "
            + up.failedInstance()
            + " did not become ready: "
            + up.reason(),
        "Stable (revision "
            + current.revision()
            + ") kept every call. Logs: oasis logs "
            + up.failedInstance()
            + " --env "
            + envName
            + ".");
  }

  RolloutState drive(RolloutState state, Duration timeout) {
    try {
      return new RolloutDriver(rollouts, actions(timeout), clock, progress).run(state);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(
          OasisException.Kind.FAILED,
          "interrupted: rollout " + state.revision() + " is left as it was",
          "Continue it with 'oasis rollout resume' or roll it back with 'oasis rollout abort'.",
          e);
    }
  }

  Deployer.Outcome outcome(RolloutState s) {
    if (s.phase() == Phase.SUCCEEDED) {
      return new Deployer.Outcome(
          s.revision(),
          s.version(),
          true,
          "revision "
              + s.revision()
              + " ("
              + s.version()
              + ") is healthy on "
              + envName
              + " after "
              + s.strategy()
              + "; it is the new stable");
    }
    String timing =
        s.trafficBackAt() == null || s.newTrackReadyAt() == null
            ? ""
            : String.format(
                " (traffic back on stable %.1f s after the %s track was ready)",
                Duration.between(s.newTrackReadyAt(), s.trafficBackAt()).toMillis() / 1000.0,
                s.track());
    throw OasisException.failed(
        s.strategy()
            + " of "
            + s.version()
            + " (revision "
            + s.revision()
            + ") was "
            + s.message()
            + timing,
        "Stable serves every call. See 'oasis rollout status --env " + envName + "'.");
  }

  TargetRolloutActions actions(Duration timeout) {
    return new TargetRolloutActions(
        deployer,
        target,
        traffic,
        endpoints,
        env.rollout().analysis().prometheus(),
        clock,
        timeout,
        progress);
  }

  private String describe(String strategy) {
    return String.join(
        " → ",
        Strategies.steps(env.rollout(), strategy).stream()
            .map(oasis.deploy.rollout.Step::describe)
            .toList());
  }

  /** {@code oasis rollout ...}: status and the requests. */
  public Rollouts rollouts() {
    return control;
  }

  RolloutStore store() {
    return rollouts;
  }

  Revisions revisions() {
    return revisions;
  }

  Promotion gate() {
    return deployer.gate();
  }

  Path envDir() {
    return envDir;
  }

  String envName() {
    return envName;
  }

  String command() {
    return command;
  }

  Clock clock() {
    return clock;
  }

  Consumer<String> progress() {
    return progress;
  }

  TrafficSplit traffic() {
    return traffic;
  }
}
