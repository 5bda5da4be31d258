package oasis.cli;

import java.util.Set;

/**
 * The root's usage, as a constant: {@code oasis --help} printed from it loads no help renderer
 * (picocli's text tables and the JDK's line breaking and locale data are a tenth of the command).
 * {@code RootUsageTest} checks it against picocli's rendering of the real command tree; when a
 * command or a root option changes, that test fails and prints the text to paste here.
 */
final class RootUsage {

  /** The usage at picocli's default width (80), without colour. */
  static final String TEXT =
      """
        Usage: oasis [-hvV] [--no-color] [--output=FORMAT] [--project-dir=DIR] [COMMAND]
        Release and deploy toolkit of the Oasis Trading System.
          -h, --help              Show this help.
              --no-color          No ANSI colour (also when NO_COLOR is set or stdout
                                    is not a terminal).
              --output=FORMAT     Output format: text, json (default: text).
              --project-dir=DIR   Project directory (default: the nearest directory
                                    upwards with oasis.yaml).
          -v, --verbose           Diagnostics on stderr, and stack traces with errors.
          -V, --version           Print the CLI's version and commit, and exit.
        Commands:
          build                Build components into the artifact store.
          preflight            Run the pre-deploy checklist.
          version              Print the current or the next version.
          release              Tag the next version; write manifest, notes.
          deploy               Deploy a release or the working tree.
          rollback             Return to the last healthy revision.
          rollout              Show or steer a canary or blue/green.
          smoke                Check a running environment end to end.
          status               Show what runs on an environment.
          history              List an environment's revisions.
          logs                 Print a component's log.
          down                 Stop every process of an environment.
          config               Validate or show oasis.yaml.
          export               Export an environment in another tool's format.
          shell                Interactive console with completion and history.
          generate-completion  Print a bash/zsh completion script.
          help                 Show help for a command: oasis help COMMAND.

          Run 'oasis help COMMAND' or 'oasis COMMAND --help' for a command's options.

        Exit codes:
          0  success
          1  the operation ran and failed: a check, smoke, a rollout, a deploy
          2  bad input: flag, version, oasis.yaml, checklist, .env, environment
          3  conflict: another operation holds the environment, or wrong state
          4  internal error (a bug): rerun with --verbose and report the trace
        """;

  private RootUsage() {}

  /**
   * Whether {@code args} ask for the root's usage and nothing else, where picocli would render it
   * as {@link #TEXT}: no colour, and not on a terminal (there picocli fits the terminal's width).
   */
  static boolean answers(String... args) {
    if (System.console() != null || System.getProperty("picocli.usage.width") != null) {
      return false;
    }
    return args.length == 0 || asksOnly(Set.of("-h", "--help"), args);
  }

  /** Whether {@code args} hold one of {@code flags} and otherwise only {@code --no-color}. */
  static boolean asksOnly(Set<String> flags, String... args) {
    boolean asked = false;
    for (String arg : args) {
      if (flags.contains(arg)) {
        asked = true;
      } else if (!"--no-color".equals(arg)) {
        return false;
      }
    }
    return asked;
  }

  /** The usage with this platform's line separator, as picocli writes it. */
  static String text() {
    String nl = System.lineSeparator();
    return "\n".equals(nl) ? TEXT : TEXT.replace("\n", nl);
  }
}
