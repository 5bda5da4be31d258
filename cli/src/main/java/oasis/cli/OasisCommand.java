package oasis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code oasis} command: global options shared by every verb. The verbs themselves are
 * registered in {@link Commands#ALL}, not here (start-up cost).
 *
 * <p>Its model is built with picocli's API, not read from annotations: reading them makes the JVM
 * generate a proxy class per annotation type and reflect over the class, a third of {@code oasis
 * --version}, which builds no other model.
 */
public final class OasisCommand implements Callable<Integer> {

  CommandSpec spec;
  Path projectDir;
  OutputFormat output = OutputFormat.text;
  boolean noColor;
  boolean verbose;

  /** The root's model, bound to a new {@code OasisCommand}. */
  static CommandSpec spec() {
    OasisCommand root = new OasisCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(root).name("oasis");
    root.spec = spec;
    spec.versionProvider(new Version());
    spec.usageMessage()
        .autoWidth(true)
        .description("Release and deploy toolkit of the Oasis Trading System.")
        .footerHeading("%n")
        .footer(
            "  Run 'oasis help COMMAND' or 'oasis COMMAND --help' for a command's options.",
            "",
            "Exit codes:",
            "  0  success",
            "  1  the operation ran and failed: a check, smoke, a rollout, a deploy",
            "  2  bad input: flag, version, oasis.yaml, checklist, .env, environment",
            "  3  conflict: another operation holds the environment, or wrong state",
            "  4  internal error (a bug): rerun with --verbose and report the trace");
    spec.addOption(
        global("--project-dir", Path.class, null, v -> root.projectDir = (Path) v)
            .paramLabel("DIR")
            .description(
                "Project directory (default: the nearest directory upwards with oasis.yaml).")
            .build());
    spec.addOption(
        global(
                "--output",
                OutputFormat.class,
                OutputFormat.text,
                v -> root.output = (OutputFormat) v)
            .paramLabel("FORMAT")
            .description("Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        global("--no-color", boolean.class, false, v -> root.noColor = (Boolean) v)
            .description("No ANSI colour (also when NO_COLOR is set or stdout is not a terminal).")
            .build());
    spec.addOption(
        global("-v", boolean.class, false, v -> root.verbose = (Boolean) v)
            .names("-v", "--verbose")
            .description("Diagnostics on stderr, and stack traces with errors.")
            .build());
    return spec;
  }

  /** An option every subcommand inherits, its value kept in a field of the root. */
  private static OptionSpec.Builder global(
      String name, Class<?> type, Object initial, Consumer<Object> field) {
    Object[] value = {initial};
    return OptionSpec.builder(name)
        .type(type)
        .scopeType(ScopeType.INHERIT)
        .initialValue(initial)
        .hasInitialValue(true)
        .getter(
            new IGetter() {
              @Override
              @SuppressWarnings("unchecked")
              public <T> T get() {
                return (T) value[0];
              }
            })
        .setter(
            new ISetter() {
              @Override
              public <T> T set(T v) {
                Object previous = value[0];
                value[0] = v;
                field.accept(v);
                @SuppressWarnings("unchecked")
                T result = (T) previous;
                return result;
              }
            });
  }

  /**
   * The project directory: the option, else the nearest ancestor of the working directory with
   * oasis.yaml.
   */
  public Path projectDir() {
    return projectDir(projectDir);
  }

  /** The project directory of {@code option} (null: not given), as {@link #projectDir()}. */
  static Path projectDir(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
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
