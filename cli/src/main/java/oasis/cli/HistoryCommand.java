package oasis.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import oasis.console.Tables;
import oasis.state.Ledger;
import oasis.state.Revision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis history}: the revisions of an environment's ledger. */
@Command(name = "history", description = "List the revisions of an environment, newest first.")
final class HistoryCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Override
  public Integer call() {
    Ledger ledger = Engines.deployer(spec, environment.env).ledger();
    List<Revision> newestFirst = new ArrayList<>(ledger.revisions());
    java.util.Collections.reverse(newestFirst);
    if (Cli.json(spec)) {
      Cli.printJson(spec, newestFirst);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (newestFirst.isEmpty()) {
      String env = Cli.project(spec).environment(environment.env).getKey();
      out.println("no revisions on " + env + " yet; try 'oasis deploy --env " + env + "'");
      out.flush();
      return ExitCodes.OK;
    }
    Tables.history(newestFirst, ledger.current(), Watch.style(spec), Instant.now(), LocalZone.get())
        .forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}
