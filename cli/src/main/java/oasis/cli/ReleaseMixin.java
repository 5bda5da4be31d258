package oasis.cli;

import java.time.Duration;
import oasis.workflow.DeployWorkflow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code [VERSION] [--env ENV] [--timeout DURATION]}: what deploy and rollback both take. */
final class ReleaseMixin {

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

  DeployWorkflow.Request request() {
    return new DeployWorkflow.Request(environment.env, version, timeout);
  }
}
