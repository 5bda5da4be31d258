package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeCommandTest {

  @TempDir Path dir;

  void project(String extra) throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        project: p
        defaultEnvironment: staging
        components:
          risk-engine: {module: services/risk-engine, mainClass: oasis.risk.RiskEngineMain}
        environments:
          staging: {target: local}
        """
            + extra);
  }

  @Test
  void anEnvironmentWithNothingDeployedIsAConflictThatSaysToDeploy() throws Exception {
    project("");
    OasisTest.Result r = OasisTest.run("--project-dir", dir.toString(), "smoke");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(r.err())
        .contains("nothing runs on 'staging'")
        .contains("oasis deploy --env staging");
  }

  @Test
  void anUnknownFormatOrEnvironmentIsBadInput() throws Exception {
    project("");
    assertThat(OasisTest.run("--project-dir", dir.toString(), "smoke", "--format", "xml").code())
        .isEqualTo(ExitCodes.BAD_INPUT);
    OasisTest.Result r = OasisTest.run("--project-dir", dir.toString(), "smoke", "--env", "prod");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown environment 'prod'");
  }

  @Test
  void aBadSmokeSectionIsBadInputWithItsLine() throws Exception {
    project("smoke:\n  maxConsumerLag: -1\n");
    OasisTest.Result r = OasisTest.run("--project-dir", dir.toString(), "smoke");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("oasis.yaml:8", "maxConsumerLag -1 is negative");
  }

  @Test
  void deployOffersSmokeAndSmokeOffersTheFlagsOfCliMd() {
    var sink = new java.io.PrintWriter(new java.io.StringWriter());
    var commands =
        Oasis.commandLine(sink, sink, picocli.CommandLine.Help.Ansi.OFF).getSubcommands();
    assertThat(commands.get("deploy").getCommandSpec().findOption("--smoke")).isNotNull();
    var smoke = commands.get("smoke").getCommandSpec();
    for (String flag : new String[] {"--env", "--format", "--report"}) {
      assertThat(smoke.findOption(flag)).as(flag).isNotNull();
    }
  }
}
