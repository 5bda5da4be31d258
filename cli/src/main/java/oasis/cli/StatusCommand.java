package oasis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import oasis.console.Tables;
import oasis.deploy.Deployer;
import oasis.deploy.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis status}: what runs, observed live. */
@Command(name = "status", description = "Show what runs on an environment, probed live.")
final class StatusCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--watch",
      description = "Redraw in place every second until Ctrl-C (one line per change when piped).")
  boolean watch;

  @Override
  public Integer call() {
    Deployer deployer = Engines.deployer(spec, environment.env);
    if (watch) {
      return Watch.status(spec, deployer);
    }
    StatusReport s = deployer.status();
    if (Cli.json(spec)) {
      Cli.printJson(spec, s);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    Tables.status(s, Watch.style(spec)).forEach(out::println);
    if (s.revision() == null) {
      out.println("nothing deployed yet; try 'oasis deploy --env " + s.environment() + "'");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
