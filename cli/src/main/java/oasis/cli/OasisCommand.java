package oasis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code oasis} command: global options shared by every verb. The verbs themselves are
 * registered in {@link Commands#ALL}, not here (start-up cost).
 */
@Command(
    name = "oasis",
    versionProvider = OasisCommand.Version.class,
    usageHelpAutoWidth = true,
    description = "Release and deploy toolkit of the Oasis Trading System.",
    footerHeading = "%n",
    footer = {
      "  Run 'oasis help COMMAND' or 'oasis COMMAND --help' for a command's options.",
      "",
      "Exit codes:",
      "  0  success",
      "  1  the operation ran and failed: a check, smoke, a rollout, a deploy",
      "  2  bad input: flag, version, oasis.yaml, checklist, .env, environment",
      "  3  conflict: another operation holds the environment, or wrong state",
      "  4  internal error (a bug): rerun with --verbose and report the trace"
    })
public final class OasisCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Project directory (default: the nearest directory upwards with oasis.yaml).")
  Path projectDir;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No ANSI colour (also when NO_COLOR is set or stdout is not a terminal).")
  boolean noColor;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Diagnostics on stderr, and stack traces with errors.")
  boolean verbose;

  /**
   * The project directory: the option, else the nearest ancestor of the working directory with
   * oasis.yaml.
   */
  public Path projectDir() {
    if (projectDir != null) {
      return projectDir.toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("oasis.yaml"))) {
        return dir;
      }
    }
    return cwd;
  }

  /** A bare {@code oasis} prints its usage, as git, helm and kubectl do. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  public OutputFormat output() {
    return output;
  }

  public boolean verbose() {
    return verbose;
  }

  /** Prints the version and the commit the CLI was built from. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.load().describe()};
    }
  }
}
