package oasis.cli;

import picocli.CommandLine.Option;

/** {@code --env ENV}: which environment of oasis.yaml (default: defaultEnvironment). */
final class EnvironmentMixin {

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "Environment of oasis.yaml (default: its defaultEnvironment).")
  String env;
}
