package oasis.deploy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import oasis.artifact.Builder;
import oasis.config.EnvFile;
import oasis.config.EnvironmentConfig;
import oasis.config.Overrides;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.state.ComponentVersion;
import oasis.state.EnvironmentLock;
import oasis.state.Ledger;
import oasis.state.Revision;
import oasis.state.RevisionState;

/**
 * The deploy engine of one environment: deploy, rollback, down and status over a {@link Target},
 * under the environment's lock, recorded in its ledger. An operation that a crash interrupted is
 * resolved by the next one (marked failed, the target brought back to the last healthy revision).
 */
public final class Deployer {

  public static final String ALL_AT_ONCE = "all-at-once";
  public static final String ROLLBACK = "rollback";
  static final Duration GRACE = Duration.ofSeconds(10);

  /** How an operation ended. */
  public record Outcome(Integer revision, String version, boolean changed, String message) {}

  private final Project project;
  private final String envName;
  private final EnvironmentConfig env;
  private final Path envDir;
  private final Target target;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Revisions revisions;
  private final Promotion gate;

  public Deployer(
      Project project,
      String envName,
      Target target,
      Clock clock,
      Consumer<String> progress,
      String command) {
    this.project = project;
    this.envName = envName;
    this.env = project.environment(envName).getValue();
    this.envDir = envDir(project, envName);
    this.target = target;
    this.clock = clock;
    this.progress = progress;
    this.revisions =
        new Revisions(
            envDir, envName, clock, progress, command, env.historyLimit(), Targets.state(target));
    this.gate = new Promotion(project, envName);
  }

  /** The environment's revision life cycle (lock, ledger, secrets), shared by every path. */
  Revisions revisions() {
    return revisions;
  }

  /** The promotion gate of this environment, which every path that installs a release passes. */
  Promotion gate() {
    return gate;
  }

  /** {@code .oasis/envs/<env>/}. */
  public static Path envDir(Project project, String envName) {
    return envDir(project.stateDir(), envName);
  }

  /** {@code <stateDir>/envs/<env>/}. */
  public static Path envDir(Path stateDir, String envName) {
    return oasis.state.StateLayout.at(stateDir).envDir(envName);
  }

  public Ledger ledger() {
    return revisions.ledger();
  }

  /** A working-tree build refused by the gate is refused before it is built. */
  void admitBeforeBuilding(Supplier<Release> source) {
    if (source instanceof WorkingTreeBuild) {
      gate.enforce(null);
    }
  }

  /** Deploys what {@code source} gives (a build or a release) with the {@code --set} overrides. */
  public Outcome deploy(
      Supplier<Release> source, List<String> sets, Duration timeout, boolean dryRun) {
    return deploy(source, sets, timeout, dryRun, null);
  }

  /**
   * Deploys, then runs {@code check} (null: none) as the last step; a failing check returns the
   * environment to the previous revision like a readiness failure does.
   */
  public Outcome deploy(
      Supplier<Release> source,
      List<String> sets,
      Duration timeout,
      boolean dryRun,
      PostDeployCheck check) {
    Map<String, String> overrides = Overrides.parse(sets, known());
    admitBeforeBuilding(source);
    if (dryRun) {
      Release release = gate.admit(source.get());
      Ledger ledger = revisions.ledger();
      Plan plan = plan(release, versions(release, overrides, ledger.currentRevision()), overrides);
      String text = describe(plan, ledger.currentRevision().map(this::planOf).orElse(null));
      var preview = Targets.preview(target);
      if (preview != null) {
        List<String> lines = preview.preview(plan);
        text += "\n" + (lines.isEmpty() ? "no object would change" : String.join("\n", lines));
      }
      return new Outcome(null, release.version(), false, text + "\ndry run: nothing changed");
    }
    try (EnvironmentLock lock = revisions.lock()) {
      boolean interrupted = revisions.ledger().inFlight().isPresent();
      Ledger ledger = revisions.recover();
      Release release = gate.admit(source.get());
      Optional<Revision> current = ledger.currentRevision();
      Map<String, ComponentVersion> versions = versions(release, overrides, current);
      Plan plan = plan(release, versions, overrides);
      Revision draft = draft(release, versions, overrides, ALL_AT_ONCE, lock);
      if (!interrupted
          && current.isPresent()
          && current.get().sameContent(draft)
          && target.status().allReady()) {
        String msg =
            "revision "
                + current.get().revision()
                + " ("
                + current.get().version()
                + ") already runs these artifacts on "
                + envName
                + ": nothing to do";
        String failure = check == null ? null : check.verify(plan);
        if (failure != null) {
          throw OasisException.failed(
              msg + ", but it fails its post-deploy check: " + failure,
              "Nothing was changed, so there is no earlier revision to return to; see 'oasis status"
                  + " --env "
                  + envName
                  + "' and 'oasis rollback --env "
                  + envName
                  + "'.");
        }
        return new Outcome(current.get().revision(), current.get().version(), false, msg);
      }
      return apply(draft, plan, overrides, current, timeout, false, check);
    }
  }

  /**
   * Rolls back: to the release {@code source} gives, or (null) to the last healthy revision before
   * the current one. Only instances whose definition changes restart; no canary steps.
   */
  public Outcome rollback(Supplier<Release> source, Duration timeout) {
    try (EnvironmentLock lock = revisions.lock()) {
      Ledger ledger = revisions.recover();
      Optional<Revision> current = ledger.currentRevision();
      Release release;
      Map<String, String> overrides;
      if (source != null) {
        release = gate.admit(source.get());
        overrides = Map.of();
      } else {
        Revision back =
            ledger
                .rollbackTarget()
                .orElseThrow(
                    () ->
                        OasisException.conflict(
                            "environment '"
                                + envName
                                + "' has no healthy revision before "
                                + current
                                    .map(c -> "the current one (" + c.revision() + ")")
                                    .orElse("now")
                                + " to roll back to",
                            "See 'oasis history --env "
                                + envName
                                + "'; deploy a version with 'oasis deploy VERSION'."));
        release = releaseOf(back);
        overrides = overridesOf(back);
        progress.accept(
            "rolling back to revision " + back.revision() + " (" + back.version() + ")");
      }
      Map<String, ComponentVersion> versions = versions(release, overrides, current);
      if (source == null) {
        Revision back = ledger.rollbackTarget().orElseThrow();
        versions = new TreeMap<>(back.versions());
      }
      Plan plan = plan(release, versions, overrides);
      Revision draft = draft(release, versions, overrides, ROLLBACK, lock);
      return apply(draft, plan, overrides, current, timeout, true, null);
    }
  }

  /** Stops the environment and leaves no process behind. */
  public Outcome down() {
    try (EnvironmentLock lock = revisions.lock()) {
      Integer was = revisions.ledger().current();
      target.down(GRACE, progress);
      revisions.stopped();
      return new Outcome(was, null, true, "environment '" + envName + "' is down: no process left");
    }
  }

  /**
   * The plan of the current revision (what the target runs), else the plan of {@code fallback} with
   * no overrides: what {@code oasis export} renders.
   */
  public Plan currentPlan(Supplier<Release> fallback) {
    Optional<Revision> current = revisions.ledger().currentRevision();
    if (current.isPresent()) {
      return planOf(current.get());
    }
    Release release = fallback.get();
    return plan(release, versions(release, Map.of(), Optional.empty()), Map.of());
  }

  /** The plan of the revision that runs now (what smoke holds the environment to), if any. */
  public Optional<Plan> currentPlan() {
    return revisions.ledger().currentRevision().map(this::planOf);
  }

  /** What runs: the ledger's current revision and the live observation of the target. */
  public StatusReport status() {
    return new StatusReader(envName, env.target(), revisions, target).report();
  }

  private Outcome apply(
      Revision draft,
      Plan plan,
      Map<String, String> overrides,
      Optional<Revision> current,
      Duration timeout,
      boolean rollback,
      PostDeployCheck check) {
    return new RevisionApply(envName, target, revisions, progress, this::planOf)
        .apply(draft, plan, overrides, current, timeout, rollback, check);
  }

  Map<String, ComponentVersion> versions(
      Release release, Map<String, String> overrides, Optional<Revision> current) {
    Map<String, ComponentVersion> versions = new TreeMap<>();
    Map<String, String> currentOverrides = current.map(this::overridesOf).orElse(Map.of());
    for (String name : project.config().components().keySet()) {
      String digest = release.artifacts().get(name);
      boolean unchanged =
          current.isPresent()
              && digest != null
              && digest.equals(current.get().components().get(name))
              && Overrides.of(overrides, name).equals(Overrides.of(currentOverrides, name));
      versions.put(
          name,
          unchanged
              ? current
                  .get()
                  .versions()
                  .getOrDefault(
                      name, new ComponentVersion(current.get().version(), current.get().commit()))
              : new ComponentVersion(release.version(), release.commit()));
    }
    return versions;
  }

  Plan plan(
      Release release, Map<String, ComponentVersion> versions, Map<String, String> overrides) {
    Path envFile = env.envFile() == null ? null : project.dir().resolve(env.envFile());
    return PlanFactory.plan(
        project.config(),
        envName,
        env,
        release,
        versions,
        overrides,
        EnvFile.read(envFile),
        target.infrastructure(),
        target::unavailable);
  }

  Plan planOf(Revision r) {
    return plan(releaseOf(r), r.versions(), overridesOf(r));
  }

  private static Release releaseOf(Revision r) {
    Map<String, String> artifacts = new TreeMap<>(r.infrastructure());
    artifacts.putAll(r.components());
    return new Release(r.version(), r.commit(), artifacts);
  }

  Revision draft(
      Release release,
      Map<String, ComponentVersion> versions,
      Map<String, String> overrides,
      String strategy,
      EnvironmentLock lock) {
    Map<String, String> components = new TreeMap<>();
    Map<String, String> infra = new TreeMap<>();
    release
        .artifacts()
        .forEach(
            (n, d) -> {
              if (project.config().components().containsKey(n)) {
                components.put(n, d);
              } else if (project.config().infrastructure().containsKey(n)) {
                infra.put(n, d);
              }
            });
    return new Revision(
        0,
        release.version(),
        release.commit(),
        strategy,
        RevisionState.PENDING,
        clock.instant(),
        null,
        components,
        versions,
        infra,
        Overrides.redacted(overrides),
        lock.owner().pid(),
        null);
  }

  private Map<String, String> overridesOf(Revision r) {
    return revisions.overridesOf(r);
  }

  Set<String> known() {
    Set<String> names = new java.util.HashSet<>(project.config().components().keySet());
    names.addAll(project.config().infrastructure().keySet());
    return names;
  }

  /** The plan as people read it: each instance, what happens to it, its artifact and version. */
  private String describe(Plan plan, Plan before) {
    List<String> lines = new ArrayList<>();
    lines.add("plan for " + envName + " (version " + plan.version() + "):");
    List<String> changed = before == null ? null : before.changedIn(plan);
    for (PlannedInstance i : plan.instances()) {
      String what =
          before == null
              ? "start"
              : changed.contains(i.name())
                  ? (before.instance(i.name()).isPresent() ? "restart" : "start")
                  : "unchanged";
      lines.add(
          String.format(
              "  %-20s %-9s %s %s",
              i.name(),
              what,
              i.artifact() == null ? "(program on PATH)" : Builder.shortDigest(i.artifact()),
              i.env().getOrDefault("OASIS_VERSION", "")));
    }
    if (before != null) {
      before.removedIn(plan).forEach(n -> lines.add(String.format("  %-20s stop", n)));
    }
    plan.notes().forEach(n -> lines.add("  note: " + n));
    return String.join("\n", lines);
  }
}
