package oasis.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.deploy.ManifestReleaseCatalog;
import oasis.deploy.PostDeployCheck;
import oasis.deploy.ProgressiveDeployer;
import oasis.deploy.Release;
import oasis.deploy.Targets;
import oasis.runtime.Target;
import oasis.runtime.Tracks;
import oasis.smoke.Smoke;
import oasis.smoke.SmokeFormat;
import oasis.smoke.SmokeReport;
import picocli.CommandLine.Model.CommandSpec;

/** Wires the engines for a command: project, environment, target, progress on stderr. */
final class Engines {

  private Engines() {}

  static Consumer<String> progress(CommandSpec spec) {
    // on a terminal each line with its elapsed time; piped, exactly the engine's line
    return oasis.console.Progress.to(spec.commandLine().getErr());
  }

  static Builder builder(CommandSpec spec, Project project) {
    return new Builder(project.dir(), project.stateDir(), Clock.systemUTC(), progress(spec));
  }

  static Deployer deployer(CommandSpec spec, String env) {
    Project project = Cli.project(spec);
    String name = project.environment(env).getKey();
    String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
    return new Deployer(
        project, name, target(project, name), Clock.systemUTC(), progress(spec), command);
  }

  /**
   * {@code deploy}'s progress: on a terminal (stderr) a live view of the instances starting, else
   * the plain lines; end it with {@link oasis.console.DeployView#end}.
   */
  static Consumer<String> deployProgress(CommandSpec spec) {
    return oasis.console.DeployView.to(spec.commandLine().getErr(), stderrColour(spec));
  }

  /** {@code build}'s view of its modules and images on a terminal (stderr); null otherwise. */
  static oasis.console.BuildView buildView(CommandSpec spec) {
    return oasis.console.BuildView.onTerminal(spec.commandLine().getErr(), stderrColour(spec));
  }

  /** Colour on stderr (the views draw only on a terminal): off with --no-color or NO_COLOR. */
  private static boolean stderrColour(CommandSpec spec) {
    String noColor = System.getenv("NO_COLOR");
    return !Cli.root(spec).noColor
        && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(System.getenv("TERM"));
  }

  /** The deploy engine with canary and blue/green on top, and {@code oasis rollout}. */
  /**
   * The state directory of the environment named {@code env}, found without reading oasis.yaml
   * (whether such an environment exists is not checked: a missing directory says nothing ran).
   */
  static Path envDir(CommandSpec spec, String env) {
    Path name = Path.of(env);
    if (name.getNameCount() != 1 || env.startsWith(".") || name.isAbsolute()) {
      throw OasisException.badInput(
          "'" + env + "' is not an environment name", "Use a name of oasis.yaml's environments.");
    }
    return Deployer.envDir(Project.stateDir(Cli.root(spec).projectDir()), env);
  }

  static ProgressiveDeployer progressive(CommandSpec spec, String env) {
    return progressive(spec, env, progress(spec));
  }

  /** The same, its progress into {@code progress}. */
  static ProgressiveDeployer progressive(CommandSpec spec, String env, Consumer<String> progress) {
    Project project = Cli.project(spec);
    String name = project.environment(env).getKey();
    String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Target target = target(project, name);
    Deployer deployer = new Deployer(project, name, target, Clock.systemUTC(), progress, command);
    Tracks tracks = target.tracks().orElse(null);
    return new ProgressiveDeployer(
        deployer, project, name, target, tracks, tracks, Clock.systemUTC(), progress, command);
  }

  /** The smoke suite on {@code env}'s target, progress on stderr. */
  static Smoke smoke(CommandSpec spec, Project project, String env) {
    return new Smoke(target(project, env), progress(spec));
  }

  /**
   * {@code deploy --smoke}: the suite as the deploy's last step; its table goes to stderr, its
   * failures into the deploy's error.
   */
  static PostDeployCheck smokeCheck(CommandSpec spec, String env, Consumer<String> progress) {
    Project project = Cli.project(spec);
    String name = project.environment(env).getKey();
    return plan -> {
      progress.accept("smoke of " + name + ":");
      SmokeReport report =
          new Smoke(target(project, name), progress).run(name, project.config(), plan);
      progress.accept(SmokeFormat.TEXT.render(report).stripTrailing());
      return report.failed() ? "smoke failed: " + report.summary() + report.failureText() : null;
    };
  }

  static Target target(Project project, String env) {
    return Targets.of(project, env);
  }

  /** The release a VERSION names, or (null VERSION) a build of the working tree. */
  static java.util.function.Supplier<Release> release(
      CommandSpec spec, String version, boolean skipTests) {
    Project project = Cli.project(spec);
    if (version == null) {
      return (oasis.deploy.WorkingTreeBuild)
          () -> {
            BuildRecord b = builder(spec, project).build(project.config(), List.of(), skipTests);
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
}
