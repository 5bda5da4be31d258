package oasis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash/zsh completion script for {@code oasis}. */
@Command(
    name = "generate-completion",
    description = {
      "Print a bash/zsh completion script for oasis.",
      "Use: source <(./oasis generate-completion); completes oasis and ./oasis."
    })
final class GenerateCompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    PrintWriter out = spec.commandLine().getOut();
    String script = AutoComplete.bash(root.getCommandName(), root);
    out.print(script);
    // The README runs ./oasis from the checkout: complete that spelling too.
    if (script.contains("_complete_oasis")) {
      out.println("complete -F _complete_oasis -o default ./oasis");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
