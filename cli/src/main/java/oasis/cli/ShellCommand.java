package oasis.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import oasis.console.Shell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis shell}: the interactive console; each line is one {@code oasis} command line. */
@Command(
    mixinStandardHelpOptions = true,
    name = "shell",
    description = {
      "Interactive console: every verb with TAB completion (environments, components, versions),",
      "history in .oasis/shell-history; Ctrl-C stops the running command, 'exit' leaves."
    })
final class ShellCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // not Cli.root: loading Cli builds its JSON mapper, a tenth of the shell's start-up
    OasisCommand root = (OasisCommand) spec.root().userObject();
    Path dir = root.projectDir();
    boolean colour = !root.noColor && Oasis.ansi() != Ansi.OFF;
    List<String> global = new ArrayList<>(List.of("--project-dir", dir.toString()));
    if (!colour) {
      global.add("--no-color");
    }
    if (root.verbose) {
      global.add("--verbose");
    }
    Shell.Runner runner =
        (args, out, err, on) -> {
          List<String> line = new ArrayList<>(global);
          line.addAll(args);
          return Oasis.commandLine(out, err, on ? Ansi.ON : Ansi.OFF)
              .execute(line.toArray(String[]::new));
        };
    // completion needs every command's options, which the start-up tree leaves out (it builds the
    // model of the running command only): the whole tree is built at the first TAB
    java.util.function.Supplier<CommandSpec> all =
        () ->
            Oasis.commandLine(
                    new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    Ansi.OFF)
                .getCommandSpec();
    return new Shell(
            all, () -> Cli.project(spec), oasis.config.Project.stateDir(dir), runner, colour)
        .run();
  }
}
