package oasis.cli;

import java.util.concurrent.Callable;
import oasis.core.OasisException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oasis help [COMMAND]}: what git, helm and kubectl answer; an unknown name exits 2. */
@Command(name = "help", description = "Show help for a command: oasis help COMMAND.")
final class HelpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "The command to explain.")
  String command;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    CommandLine target = command == null ? root : root.getSubcommands().get(command);
    if (target == null) {
      throw OasisException.badInput(
          "unknown command '" + command + "'", "See 'oasis --help' for the commands.");
    }
    target.usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
