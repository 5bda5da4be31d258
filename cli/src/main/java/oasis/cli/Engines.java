package oasis.cli;

import java.time.Clock;
import java.util.function.Consumer;
import oasis.config.Project;
import oasis.deploy.Deployer;
import oasis.deploy.ProgressiveDeployer;
import oasis.deploy.Targets;
import oasis.runtime.Target;
import oasis.smoke.Smoke;
import oasis.workflow.DeployEngines;
import oasis.workflow.DeployWorkflow;
import oasis.workflow.ExportWorkflow;
import oasis.workflow.RolloutWorkflow;
import oasis.workflow.Session;
import picocli.CommandLine.Model.CommandSpec;

/** Wires the engines for a command: project, environment, target, progress on stderr. */
final class Engines {

  private Engines() {}

  static Consumer<String> progress(CommandSpec spec) {
    // on a terminal each line with its elapsed time; piped, exactly the engine's line
    return oasis.console.Progress.to(spec.commandLine().getErr());
  }

  /** The project, progress and command line every workflow takes. */
  static Session session(CommandSpec spec, Consumer<String> progress) {
    return new Session(Cli.project(spec), progress, commandLine(spec), Clock.systemUTC());
  }

  static String commandLine(CommandSpec spec) {
    return String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }

  /**
   * {@code oasis deploy} and {@code rollback}, their progress into {@code progress}; a build of the
   * working tree tells its own on stderr, as lines.
   */
  static DeployWorkflow deploy(CommandSpec spec, Consumer<String> progress) {
    return new DeployWorkflow(session(spec, progress), progress(spec));
  }

  /** {@code oasis export}, progress on stderr. */
  static ExportWorkflow export(CommandSpec spec) {
    return new ExportWorkflow(session(spec, progress(spec)));
  }

  static Deployer deployer(CommandSpec spec, String env) {
    Session session = session(spec, progress(spec));
    String name = session.project().environment(env).getKey();
    return DeployEngines.deployer(session, name, target(session.project(), name));
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

  /**
   * {@code oasis rollout}: its quick abort or pause reads no oasis.yaml; otherwise progress on
   * stderr.
   */
  static RolloutWorkflow rollout(CommandSpec spec) {
    return new RolloutWorkflow(Cli.root(spec).projectDir(), () -> session(spec, progress(spec)));
  }

  static ProgressiveDeployer progressive(CommandSpec spec, String env) {
    return progressive(spec, env, progress(spec));
  }

  /** The same, its progress into {@code progress}. */
  static ProgressiveDeployer progressive(CommandSpec spec, String env, Consumer<String> progress) {
    return DeployEngines.progressive(session(spec, progress), env);
  }

  /** The smoke suite on {@code env}'s target, progress on stderr. */
  static Smoke smoke(CommandSpec spec, Project project, String env) {
    return new Smoke(target(project, env), progress(spec));
  }

  static Target target(Project project, String env) {
    return Targets.of(project, env);
  }
}
