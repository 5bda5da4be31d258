package oasis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import oasis.deploy.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis status}: what runs, observed live. */
@Command(name = "status", description = "Show what runs on an environment, probed live.")
final class StatusCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Override
  public Integer call() {
    StatusReport s = Engines.deployer(spec, environment.env).status();
    if (Cli.json(spec)) {
      Cli.printJson(spec, s);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "environment %s (target %s): %s%s%n",
        s.environment(),
        s.target(),
        s.state(),
        s.revision() == null ? "" : ", revision " + s.revision() + " (" + s.version() + ")");
    if (!s.components().isEmpty() || !s.infrastructure().isEmpty()) {
      out.printf(
          "%n%-20s %-28s %-6s %-8s %s%n", "NAME", "VERSION", "READY", "RESTARTS", "ENDPOINTS");
      s.infrastructure()
          .forEach(
              i ->
                  out.printf(
                      "%-20s %-28s %-6s %-8d %s%s%n",
                      i.name(),
                      "(" + i.kind() + ")",
                      i.ready() ? "yes" : "no",
                      i.restarts(),
                      String.join(" ", i.endpoints().values()),
                      i.detail() == null ? "" : "  (" + i.detail() + ")"));
      s.components()
          .forEach(
              c ->
                  out.printf(
                      "%-20s %-28s %-6s %-8d %s%s%n",
                      c.name(),
                      c.version(),
                      c.ready() ? "yes" : "no",
                      c.restarts(),
                      String.join(" ", c.endpoints().values()),
                      c.detail() == null ? "" : "  (" + c.detail() + ")"));
    }
    s.notes().forEach(n -> out.println("note: " + n));
    if (s.revision() == null) {
      out.println("nothing deployed yet; try 'oasis deploy --env " + s.environment() + "'");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
