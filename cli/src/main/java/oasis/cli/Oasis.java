package oasis.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import oasis.core.OasisException;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code oasis} command; the only place that calls {@code System.exit}. */
public final class Oasis {

  private Oasis() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; tests call this directly. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine(out, err, ansi(args));
    return cmd.execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Ansi ansi) {
    CommandLine cmd = new CommandLine(new OasisCommand());
    withHelp(cmd);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(new BadInputHandler());
    cmd.setExecutionExceptionHandler(new FailureHandler());
    return cmd;
  }

  /** Every command, however deep, answers {@code -h/--help} (and {@code -V/--version}). */
  private static void withHelp(CommandLine cmd) {
    cmd.getCommandSpec().mixinStandardHelpOptions(true);
    cmd.getSubcommands().values().forEach(Oasis::withHelp);
  }

  /** Colour only on a terminal, and never with {@code --no-color} or {@code NO_COLOR}. */
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
    return Ansi.AUTO;
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
        var suggestions = unmatched.getSuggestions();
        if (!suggestions.isEmpty()) {
          err.println("  Did you mean: " + String.join(", ", suggestions) + "?");
        }
      }
      err.println("  See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
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
