package oasis.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oasis rollback [VERSION]}: back to a known-good revision, fast. */
@Command(
    name = "rollback",
    description = {
      "Return to the last healthy revision before the current one, or to release VERSION;",
      "only components whose artifact changes restart."
    })
final class RollbackCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description = "Release version (1.2.3 or v1.2.3).")
  String version;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3m",
      converter = DurationOption.class,
      description = "How long the components may take to become ready (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    var deployer = Engines.deployer(spec, environment.env);
    var outcome =
        deployer.rollback(version == null ? null : Engines.release(spec, version, true), timeout);
    Cli.printOutcome(spec, outcome);
    return ExitCodes.OK;
  }
}
