package oasis.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import oasis.workflow.DeployWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis deploy [VERSION]}: converge an environment to a build or a release. */
@Command(
    name = "deploy",
    description = {
      "Deploy a release (VERSION) or, without it, a build of the working tree; wait until every",
      "component is ready, else return to the previous revision and exit 1."
    })
final class DeployCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin ReleaseMixin release;

  @Option(
      names = "--set",
      paramLabel = "COMPONENT.VAR=VALUE",
      description =
          "Override one variable of one component for this deploy (recorded; secrets redacted).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      description =
          "all-at-once, canary or blue-green (default: the environment's rollout.strategy);"
              + " --set then applies to the new track only.")
  String strategy;

  @Option(
      names = "--smoke",
      description =
          "Run the smoke suite as the last step; a failure returns to the previous revision (exit 1).")
  boolean smoke;

  @Option(
      names = "--dry-run",
      description =
          "Print the plan and change no environment; exits as the deploy would on bad input,"
              + " unknown release or gate refusal. Without VERSION it still builds what changed"
              + " into the artifact store (the plan needs the artifacts' digests).")
  boolean dryRun;

  @Option(names = "--skip-tests", description = "Build without running the components' unit tests.")
  boolean skipTests;

  @Override
  public Integer call() {
    var progress = Engines.deployProgress(spec);
    oasis.deploy.Deployer.Outcome outcome;
    try {
      outcome =
          Engines.deploy(spec, progress)
              .deploy(
                  new DeployWorkflow.DeployRequest(
                      release.request(), sets, strategy, smoke, dryRun, skipTests));
    } finally {
      oasis.console.DeployView.end(progress); // before anything else writes to the terminal
    }
    Cli.printOutcome(spec, outcome);
    return ExitCodes.OK;
  }
}
