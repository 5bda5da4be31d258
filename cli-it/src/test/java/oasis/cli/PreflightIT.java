package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code ./oasis preflight} on the repository as committed, through the packaged CLI. */
class PreflightIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Result(int code, String out, String err) {}

  static Result oasis(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = ROOT.resolve("oasis").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void repositoryAsCommittedPasses() throws Exception {
    Result r = oasis("preflight");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("prometheus-rules", "passed").doesNotContain(" fail   ");
    assertThat(r.out())
        .as("promtool ran: .ci/run installs it")
        .doesNotContain("promtool not found");
  }

  @Test
  void junitReportOfTheRepositoryParses(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("preflight.xml");
    Result r = oasis("preflight", "--format", "junit", "--report", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(report)));
    int checks =
        (int)
            Files.readString(ROOT.resolve("checklists/predeploy.yaml"))
                .lines()
                .filter(l -> l.startsWith("  - id: "))
                .count();
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(checks);
    assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
  }
}
