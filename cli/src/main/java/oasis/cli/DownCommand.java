package oasis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis down}: stop an environment, leaving no process behind. */
@Command(
    name = "down",
    description = {
      "Stop every process of an environment (SIGTERM, then SIGKILL).",
      "Docker target: removes its containers, its network and its Kafka data volume",
      "(oasis-<env>-kafka, kept across redeploys and rollbacks): down means the data is gone."
    })
final class DownCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Override
  public Integer call() {
    var outcome = Engines.deployer(spec, environment.env).down();
    Cli.printOutcome(spec, outcome);
    return ExitCodes.OK;
  }
}
