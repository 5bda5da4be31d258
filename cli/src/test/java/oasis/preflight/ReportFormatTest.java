package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatTest {

  private static final Path BASE = Path.of("/p");

  private static CheckOutcome outcome(String id, Severity severity, CheckResult result) {
    CheckSpec spec =
        new CheckSpec(
            id,
            "Title <" + id + ">",
            severity,
            "type-" + id,
            c -> result,
            List.of(),
            BASE.resolve("checklists/a.yaml"),
            4);
    return PreflightRunner.outcome(spec, result, LocalDate.of(2026, 1, 1), 12);
  }

  private static PreflightReport report(boolean strict) {
    return new PreflightReport(
        "production",
        "1.2.0",
        strict,
        List.of(
            outcome("ok", Severity.ERROR, CheckResult.pass("fine")),
            outcome(
                "broken",
                Severity.ERROR,
                CheckResult.of(
                    List.of(
                        Finding.fail(
                            Path.of("oasis.yaml"),
                            12,
                            "Kafka uses PLAINTEXT & \"no TLS\"",
                            "set SASL_SSL, please")),
                    "")),
            outcome("later", Severity.ERROR, CheckResult.skip("no release yet")),
            outcome(
                "promtool",
                Severity.WARNING,
                CheckResult.warn(
                    "w",
                    List.of(
                        Finding.warn(
                            Path.of("rules"), 0, "skipped: promtool not found", "install it"))))));
  }

  @Test
  void junitReportParsesAsJunitXmlWithOneTestcasePerCheck() throws Exception {
    String xml = ReportFormat.JUNIT.render(report(false), BASE);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    Element suites = doc.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("ok: Title <ok>");
    NodeList failures = doc.getElementsByTagName("failure");
    assertThat(failures.getLength()).isEqualTo(1);
    Element failure = (Element) failures.item(0);
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).startsWith("broken:");
    assertThat(failure.getTextContent())
        .contains("oasis.yaml:12: Kafka uses PLAINTEXT & \"no TLS\"; fix: set SASL_SSL, please");
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void strictJunitReportCountsWarningsAsFailures() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    ReportFormat.JUNIT
                        .render(report(true), BASE)
                        .getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
  }

  @Test
  void githubAnnotationsCarryFileLineAndEscapedMessage() {
    String out = ReportFormat.GITHUB.render(report(false), BASE);
    assertThat(out.lines())
        .contains(
            "::error file=oasis.yaml,line=12,title=preflight broken::Kafka uses PLAINTEXT & \"no TLS\"%0AFix: set SASL_SSL, please",
            "::warning file=rules,line=1,title=preflight promtool::skipped: promtool not found%0AFix: install it");
    assertThat(out).doesNotContain("preflight ok");
  }

  @Test
  void jsonReportIsOneDocumentWithVerdictAndFindings() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report(false), BASE));
    assertThat(json.path("status").asText()).isEqualTo("fail");
    assertThat(json.path("summary").path("fail").asInt()).isEqualTo(1);
    assertThat(json.path("checks")).hasSize(4);
    JsonNode broken = json.path("checks").get(1);
    assertThat(broken.path("findings").get(0).path("line").asInt()).isEqualTo(12);
    assertThat(broken.path("declaredAt").asText()).isEqualTo("checklists/a.yaml:4");
  }

  @Test
  void textTableShowsEveryCheckAndTheVerdict() {
    String text = ReportFormat.TEXT.render(report(false), BASE);
    assertThat(text)
        .contains(
            "broken", "fail", "oasis.yaml:12:", "4 checks: 1 pass, 1 warn, 1 skip, 1 fail: FAILED");
  }
}
