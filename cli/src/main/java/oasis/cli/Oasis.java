package oasis.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.core.OasisException;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code oasis} command; the only place that calls {@code System.exit}. */
public final class Oasis {

  static {
    // picocli's default factory probes for Groovy's Closure class; that lookup misses and makes
    // the JVM open every one of the ~70 jars on the class path: a third of `oasis --version`.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  private Oasis() {}

  public static void main(String[] args) {
    ProjectPreload.start(args);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; tests call this directly. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    if (RootUsage.asksOnly(Set.of("-V", "--version"), args)) {
      out.println(BuildInfo.load().describe()); // what picocli prints, without building its model
      out.flush();
      return ExitCodes.OK;
    }
    if (ansi(args) == Ansi.OFF && RootUsage.answers(args)) {
      out.print(RootUsage.text()); // as picocli renders it, without building its help
      out.flush();
      return ExitCodes.OK;
    }
    CommandLine cmd = commandLine(out, err, ansi(args), Commands.wanted(args));
    if (Commands.namesUnknownCommand(args)) {
      listOthers(cmd); // picocli's "Did you mean" suggests from the registered commands
    }
    return cmd.execute(args);
  }

  /** The whole command tree, every command's model built (completion, tests). */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Ansi ansi) {
    Set<String> all = new HashSet<>();
    Commands.ALL.forEach(e -> all.add(e.name()));
    return commandLine(out, err, ansi, all);
  }

  /**
   * The command tree with the model of the {@code wanted} commands only. The others are not
   * registered: each registration makes picocli build a parser with some thirty converters, several
   * found by reflection, a tenth of {@code oasis --version}. The root's help lists every command
   * from {@link Commands#ALL} all the same ({@link RootHelp}).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Ansi ansi, Set<String> wanted) {
    CommandLine cmd = new CommandLine(OasisCommand.spec());
    cmd.getCommandSpec()
        .addOption(
            OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help.")
                .build())
        .addOption(
            OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print the CLI's version and commit, and exit.")
                .build());
    for (Commands.Entry e : Commands.ALL) {
      if (wanted.contains(e.name())) {
        CommandLine sub = new CommandLine(e.type());
        cmd.addSubcommand(e.name(), sub);
        helpOnly(sub);
      }
    }
    cmd.setHelpFactory(new HelpFactory());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(new BadInputHandler());
    cmd.setExecutionExceptionHandler(new FailureHandler());
    cmd.setExecutionStrategy(new OutputCheck());
    return cmd;
  }

  /** Registers every command not registered yet by name and summary, for picocli's suggestions. */
  private static void listOthers(CommandLine cmd) {
    for (Commands.Entry e : Commands.ALL) {
      if (!cmd.getSubcommands().containsKey(e.name())) {
        cmd.addSubcommand(e.name(), new CommandLine(summary(e)));
      }
    }
  }

  /** A command known only by its name and summary. */
  private static CommandSpec summary(Commands.Entry e) {
    CommandSpec spec = CommandSpec.create().name(e.name());
    spec.usageMessage().description(e.summary());
    return spec;
  }

  /**
   * The root's usage from {@link RootHelp}, every other command's picocli's. A class, not a lambda:
   * picocli's interfaces are Java 5 class files, and the class-data archive skips an old interface
   * that a lambda makes the dump link; every command then opened picocli's jar and spun the lambda.
   */
  static final class HelpFactory implements CommandLine.IHelpFactory {
    @Override
    public Help create(CommandSpec spec, Help.ColorScheme scheme) {
      return spec.parent() == null ? new RootHelp(spec, scheme) : new Help(spec, scheme);
    }
  }

  /**
   * The root's usage: its synopsis and command list name every command of {@link Commands#ALL},
   * registered or not, in the table's order, exactly as picocli renders registered ones.
   */
  static final class RootHelp extends Help {
    private final Map<String, Help> commands = new LinkedHashMap<>();

    RootHelp(CommandSpec spec, Help.ColorScheme scheme) {
      super(spec, scheme);
      for (Commands.Entry e : Commands.ALL) {
        commands.put(e.name(), new Help(summary(e), scheme));
      }
    }

    @Override
    public Map<String, Help> subcommands() {
      return commands;
    }

    @Override
    public String commandListHeading(Object... params) {
      return createHeading(commandSpec().usageMessage().commandListHeading(), params);
    }

    @Override
    protected Help.Ansi.Text createDetailedSynopsisCommandText() {
      return ansi().new Text(0)
          .concat(" ")
          .concat(commandSpec().usageMessage().synopsisSubcommandLabel());
    }
  }

  /**
   * Every subcommand, however deep, answers {@code -h/--help}; none offers {@code -V/--version},
   * which only the root honours (a subcommand's {@code -V} used to print nothing and exit 0).
   */
  private static void helpOnly(CommandLine cmd) {
    CommandSpec spec = cmd.getCommandSpec();
    for (String name : new String[] {"-V", "--version"}) {
      OptionSpec option = spec.findOption(name);
      if (option != null && option.versionHelp()) {
        spec.remove(option);
      }
    }
    // One paragraph, wrapped by picocli at the terminal's width: lines given one by one were
    // wrapped one by one, leaving orphans such as "promote\n(next step;".
    String[] description = spec.usageMessage().description();
    if (description.length > 1) {
      spec.usageMessage().description(String.join(" ", description));
    }
    spec.usageMessage().autoWidth(true);
    if (spec.findOption("--help") == null) {
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help.")
              .build());
    }
    cmd.getSubcommands().values().forEach(Oasis::helpOnly);
  }

  /**
   * Colour only on a terminal, and never with {@code --no-color} or {@code NO_COLOR}. Decided here,
   * not by picocli's {@code AUTO}: that probes for Jansi, a class lookup that misses and opens
   * every jar of the class path.
   */
  static Ansi ansi(String... args) {
    String noColor = System.getenv("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return Ansi.OFF;
    }
    for (String arg : args) {
      if ("--no-color".equals(arg)) {
        return Ansi.OFF;
      }
    }
    String term = System.getenv("TERM");
    boolean terminal = System.console() != null && term != null && !"dumb".equals(term);
    return terminal ? Ansi.ON : Ansi.OFF;
  }

  private static boolean verbose(CommandLine cmd) {
    Object root = cmd.getCommandSpec().root().userObject();
    return root instanceof OasisCommand oasis && oasis.verbose();
  }

  /** Bad flags and arguments: one line saying what was wrong, one line of hint, exit 2. */
  static final class BadInputHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("oasis: " + ex.getMessage());
      if (ex instanceof UnmatchedArgumentException unmatched) {
        hint(cmd, unmatched).ifPresent(h -> err.println("  " + h));
      }
      err.println("  See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
  }

  /** What the user probably meant by an argument that matched nothing. */
  static java.util.Optional<String> hint(CommandLine cmd, UnmatchedArgumentException unmatched) {
    var suggestions = unmatched.getSuggestions();
    if (!suggestions.isEmpty()) {
      return java.util.Optional.of("Did you mean: " + String.join(", ", suggestions) + "?");
    }
    List<String> args = unmatched.getUnmatched();
    String first = args.isEmpty() ? "" : args.get(0);
    CommandSpec spec = cmd.getCommandSpec();
    if (("-V".equals(first) || "--version".equals(first)) && spec.parent() != null) {
      return java.util.Optional.of(
          "The CLI's version is a root option: oasis --version (oasis version current: the"
              + " project's).");
    }
    if (!first.startsWith("-") && spec.findOption("--env") != null) {
      return java.util.Optional.of("Did you mean: --env " + first + "?");
    }
    return java.util.Optional.empty();
  }

  /** Maps failures to exit codes; stack traces only with {@code --verbose}. */
  static final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      boolean verbose = verbose(cmd);
      if (ex instanceof OasisException failure) {
        err.println("oasis: " + failure.getMessage());
        if (failure.hint() != null) {
          err.println("  " + failure.hint());
        }
        if (verbose && failure.getCause() != null) {
          err.print(stackTrace(failure));
        }
        err.flush();
        return failure.kind().exitCode();
      }
      err.println("oasis: internal error: " + ex + " (this is a bug)");
      if (verbose) {
        err.print(stackTrace(ex));
      } else {
        err.println(
            "  Rerun with --verbose for the stack trace, and report it with the command line.");
      }
      err.flush();
      return ExitCodes.INTERNAL;
    }

    private static String stackTrace(Throwable t) {
      StringWriter sw = new StringWriter();
      t.printStackTrace(new PrintWriter(sw));
      return sw.toString();
    }
  }
}
