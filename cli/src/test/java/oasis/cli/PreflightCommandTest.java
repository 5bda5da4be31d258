package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oasis preflight} in-process: exit codes, formats and --report (no promtool here). */
class PreflightCommandTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--project-dir", dir.toString(), "preflight"));
    all.addAll(List.of(args));
    int code = Oasis.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void copyRepository() throws Exception {
    for (String p :
        List.of(
            "oasis.yaml",
            "checklists",
            "environments",
            "templates/observability",
            "proto/src/main/protobuf",
            "proto/target/classes/oasis/contracts.desc")) {
      Path from = REPO.resolve(p);
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          Path to = dir.resolve(p).resolve(from.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private void replace(String file, String from, String to) throws Exception {
    String text = Files.readString(dir.resolve(file));
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(file), text.replace(from, to));
  }

  @Test
  void passingChecksExitZeroWithATable() {
    Result r = run("--only", "config-variables", "grafana-dashboards", "deploy-window");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("CHECK", "config-variables", "3 checks: 3 pass, 0 warn, 0 skip, 0 fail: passed");
  }

  @Test
  void malformedChecklistExitsTwoNamingFileAndLine() throws Exception {
    replace(
        "checklists/predeploy.yaml",
        "    severity: error\n    check: rollback-plan",
        "    severity: error\n    chek: rollback-plan");
    Result r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    int line =
        Files.readAllLines(dir.resolve("checklists/predeploy.yaml"))
                .indexOf("    chek: rollback-plan")
            + 1;
    assertThat(r.err()).contains("checklists/predeploy.yaml:" + line + ": unknown key 'chek'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badInputExitsTwo() {
    assertThat(run("--only", "no-such-check").err())
        .contains("unknown check id no-such-check in --only");
    assertThat(run("--only", "no-such-check").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("--env", "moon").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("--release", "one").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("--release", "9.9.9").err()).contains("unknown release 9.9.9");
    assertThat(run("--format", "yaml").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void failedErrorCheckExitsOneAndGithubFormatAnnotates() throws Exception {
    replace(
        "oasis.yaml",
        "securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512",
        "securityProtocol: PLAINTEXT");
    Result r = run("--env", "production", "--only", "production-safety", "--format", "github");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).startsWith("::error file=oasis.yaml,line=");
    assertThat(r.out())
        .contains("title=preflight production-safety::Kafka of production uses PLAINTEXT");
  }

  @Test
  void warningsFailOnlyWithStrict() throws Exception {
    replace(
        "checklists/predeploy.yaml",
        "    severity: error\n    check: config-variables",
        "    severity: warning\n    check: config-variables");
    replace(
        "environments/staging.env.example", "ORDER_MANAGER_MODE=paper", "ORDER_MANAGER_MODE=later");
    assertThat(run("--only", "config-variables").code()).isZero();
    Result strict = run("--only", "config-variables", "--strict");
    assertThat(strict.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(strict.out()).contains("warn", "ORDER_MANAGER_MODE=later is not one of paper, real");
  }

  @Test
  void reportFileGetsTheFormatAndStdoutTheTable() throws Exception {
    Path report = dir.resolve("out/preflight.xml");
    Result r = run("--only", "deploy-window", "--format", "junit", "--report", report.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(report))
        .startsWith("<?xml")
        .contains("<testcase classname=\"preflight.deploy-window\"");
    assertThat(r.out()).contains("CHECK").doesNotContain("<?xml");
    assertThat(r.err()).as("a new directory is said").contains("created directory");
  }

  @Test
  void jsonOutputIsOneDocument() {
    Result r = run("--only", "deploy-window", "--format", "json");
    assertThat(r.out().strip()).startsWith("{").endsWith("}").contains("\"status\" : \"pass\"");
  }
}
