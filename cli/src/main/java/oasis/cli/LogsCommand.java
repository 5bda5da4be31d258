package oasis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import oasis.config.Project;
import oasis.core.OasisException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oasis logs COMPONENT [-f]}: an instance's log. */
@Command(name = "logs", description = "Print a component's log (with -f, follow it).")
final class LogsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Parameters(paramLabel = "COMPONENT", description = "Component or infrastructure name.")
  String component;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until interrupted.")
  boolean follow;

  @Option(
      names = {"-n", "--lines"},
      paramLabel = "N",
      defaultValue = "100",
      description = "How many last lines to print first (default: ${DEFAULT-VALUE}).")
  int lines;

  @Override
  public Integer call() throws InterruptedException {
    if (lines < 0) {
      throw OasisException.badInput(
          "-n/--lines " + lines + " is negative", "Give 0 (follow only) or more lines.");
    }
    Project project = Cli.project(spec);
    String env = project.environment(environment.env).getKey();
    var config = project.config();
    if (!config.components().containsKey(component)
        && !config.infrastructure().containsKey(component)) {
      java.util.List<String> known = new java.util.ArrayList<>(config.components().keySet());
      known.addAll(config.infrastructure().keySet());
      throw OasisException.badInput(
          "unknown component '" + component + "' (oasis.yaml)",
          "Use one of: " + String.join(", ", known) + ".");
    }
    PrintWriter out = spec.commandLine().getOut();
    Engines.target(project, env)
        .logs(
            component,
            lines,
            follow,
            line -> {
              out.println(line);
              out.flush();
            });
    return ExitCodes.OK;
  }
}
