package oasis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.runtime.Plan;
import oasis.smoke.SmokeFormat;
import oasis.smoke.SmokeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis smoke}: post-deploy end-to-end checks against a running environment. */
@Command(
    name = "smoke",
    description = {
      "Check a running environment end to end: readiness and versions, gRPC health, Kafka topics",
      "and consumer lag, a market tick and a paper order through the system (a dry run in real",
      "mode: never a real order), latency and error budgets. Exit 1 when a check fails."
    })
final class SmokeCommand implements Callable<Integer> {

  /** Report formats of {@code --format}. */
  enum Format {
    text,
    junit
  }

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: text).")
  Format format = Format.text;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the report to FILE; stdout gets the text table.")
  Path report;

  @Override
  public Integer call() {
    Project project = Cli.project(spec);
    String env = project.environment(environment.env).getKey();
    Plan plan =
        Engines.deployer(spec, env)
            .currentPlan()
            .orElseThrow(
                () ->
                    OasisException.conflict(
                        "nothing runs on '" + env + "': it has no current revision",
                        "Deploy it first: oasis deploy --env " + env + "."));
    SmokeReport result = Engines.smoke(spec, project, env).run(env, project.config(), plan);
    String rendered = SmokeFormat.of(format.name()).render(result);
    PrintWriter out = spec.commandLine().getOut();
    if (report != null) {
      ReportFiles.write(report, rendered, Engines.progress(spec));
      out.print(SmokeFormat.TEXT.render(result));
    } else {
      out.print(rendered);
    }
    out.flush();
    if (result.failed()) {
      throw OasisException.failed(
          "smoke of " + env + " failed: " + result.summary() + result.failureText(),
          "See 'oasis status --env " + env + "' and 'oasis logs COMPONENT --env " + env + "'.");
    }
    return ExitCodes.OK;
  }
}
