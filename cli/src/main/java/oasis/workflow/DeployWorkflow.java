package oasis.workflow;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.config.Project;
import oasis.config.ServiceVariables;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.deploy.ManifestReleaseCatalog;
import oasis.deploy.PostDeployCheck;
import oasis.deploy.Release;
import oasis.deploy.Targets;
import oasis.deploy.WorkingTreeBuild;
import oasis.smoke.Smoke;
import oasis.smoke.SmokeFormat;
import oasis.smoke.SmokeReport;

/**
 * {@code oasis deploy} and {@code oasis rollback}: which artifacts (a release or a build of the
 * working tree), which strategy, and the smoke suite as a last step. The promotion gate and the
 * revision life cycle are the deploy engine's, which this drives.
 */
public final class DeployWorkflow {

  /**
   * What {@code deploy} and {@code rollback} both take; {@code rollback}'s whole request.
   *
   * @param env the environment (null: the default one)
   * @param version a release version (1.2.3 or v1.2.3), or null
   * @param timeout how long the components may take to become ready
   */
  public record Request(String env, String version, Duration timeout) {}

  /**
   * @param target the environment, version and timeout
   * @param sets {@code COMPONENT.VAR=VALUE} overrides for this deploy
   * @param strategy all-at-once, canary or blue-green (null: the environment's)
   * @param smoke run the smoke suite as the last step
   * @param dryRun print the plan and change nothing
   * @param skipTests build the working tree without the components' unit tests
   */
  public record DeployRequest(
      Request target,
      List<String> sets,
      String strategy,
      boolean smoke,
      boolean dryRun,
      boolean skipTests) {}

  private final Session session;
  private final Consumer<String> buildProgress;

  /**
   * @param buildProgress where a build of the working tree tells its progress
   */
  public DeployWorkflow(Session session, Consumer<String> buildProgress) {
    this.session = session;
    this.buildProgress = buildProgress;
  }

  /** Deploys a release, or without a version a build of the working tree (built lazily). */
  public Deployer.Outcome deploy(DeployRequest request) {
    Project project = session.project();
    ServiceVariables.check(project, request.sets());
    String name = project.environment(request.target().env()).getKey();
    var progressive = DeployEngines.progressive(session, name);
    return progressive.deploy(
        release(request.target().version(), request.skipTests()),
        request.sets(),
        request.target().timeout(),
        progressive.strategy(request.strategy()),
        request.dryRun(),
        request.smoke() ? smokeCheck(name) : null);
  }

  /** Back to the last healthy revision before the current one, or to a release. */
  public Deployer.Outcome rollback(Request request) {
    Project project = session.project();
    String name = project.environment(request.env()).getKey();
    return DeployEngines.deployer(session, name, Targets.of(project, name))
        .rollback(
            request.version() == null ? null : release(request.version(), true), request.timeout());
  }

  /** The release a version names, or (null version) a build of the working tree. */
  private Supplier<Release> release(String version, boolean skipTests) {
    Project project = session.project();
    if (version == null) {
      return (WorkingTreeBuild)
          () -> {
            BuildRecord b =
                new Builder(project.dir(), project.stateDir(), session.clock(), buildProgress)
                    .build(project.config(), List.of(), skipTests);
            return new Release(b.version(), b.commit(), b.artifacts());
          };
    }
    return () ->
        new ManifestReleaseCatalog(project.dir().resolve("releases"))
            .find(version)
            .orElseThrow(
                () ->
                    OasisException.badInput(
                        "unknown release '"
                            + version
                            + "' (no releases/v"
                            + ManifestReleaseCatalog.normalize(version)
                            + ".yaml)",
                        "Cut it with 'oasis release', or deploy the working tree without VERSION."));
  }

  /** The smoke suite as the deploy's last step: its table to progress, its failures the error. */
  private PostDeployCheck smokeCheck(String env) {
    Project project = session.project();
    Consumer<String> progress = session.progress();
    return plan -> {
      progress.accept("smoke of " + env + ":");
      SmokeReport report =
          new Smoke(Targets.of(project, env), progress).run(env, project.config(), plan);
      progress.accept(SmokeFormat.TEXT.render(report).stripTrailing());
      return report.failed() ? "smoke failed: " + report.summary() + report.failureText() : null;
    };
  }
}
