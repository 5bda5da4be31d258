package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import oasis.cli.OasisTest.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run exits with the real run's code on the same inputs (as {@code helm install --dry-run}
 * and {@code terraform plan} do); the release side is in ReleaseCommandTest.
 */
class DryRunContractTest {

  @TempDir Path dir;

  @BeforeEach
  void project() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}}
        environments:
          staging: {target: local}
          prod: {target: local, predecessor: staging}
        """);
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(
        dir.resolve("environments/variables.yaml"),
        """
        variables:
          - {name: ALPHA_MODE, services: [alpha], allowed: [paper, real]}
          - {name: OASIS_FAULT_ERROR_RATE, services: [alpha]}
        """);
  }

  private Result oasis(String... args) {
    List<String> all = new ArrayList<>(List.of("--project-dir", dir.toString()));
    all.addAll(Arrays.asList(args));
    return OasisTest.run(all.toArray(String[]::new));
  }

  private void sameExit(int expected, String contains, String... args) {
    Result real = oasis(args);
    List<String> dry = new ArrayList<>(Arrays.asList(args));
    dry.add("--dry-run");
    Result dryRun = oasis(dry.toArray(String[]::new));
    assertThat(real.code()).as("real: " + real.err()).isEqualTo(expected);
    assertThat(dryRun.code()).as("dry run: " + dryRun.err()).isEqualTo(expected);
    assertThat(real.err()).contains(contains);
    assertThat(dryRun.err()).contains(contains);
  }

  @Test
  void theGateRefusesTheDryRunAsItRefusesTheDeploy() {
    sameExit(
        ExitCodes.CONFLICT,
        "takes only releases that passed on 'staging'",
        "deploy",
        "--env",
        "prod");
  }

  @Test
  void anUnknownReleaseIsBadInputInBoth() {
    sameExit(ExitCodes.BAD_INPUT, "unknown release '9.9.9'", "deploy", "9.9.9");
  }

  @Test
  void aSetOfAVariableNoComponentReadsIsRefusedWithTheNearestName() {
    sameExit(
        ExitCodes.BAD_INPUT,
        "Did you mean: ALPHA_MODE",
        "deploy",
        "9.9.9",
        "--set",
        "alpha.ALPHA_MOD=real");
  }
}
