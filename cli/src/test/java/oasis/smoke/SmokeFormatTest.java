package oasis.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SmokeFormatTest {

  static final SmokeReport REPORT =
      new SmokeReport(
          "staging",
          "1.2.0",
          List.of(
              new SmokeResult(
                  "ready/order-manager",
                  SmokeCheckResult.fail("order-manager", "not running: <killed> & gone"),
                  List.of("ts=1 level=INFO msg=\"started\"", "ts=2 level=ERROR msg=boom"),
                  12),
              new SmokeResult(
                  "kafka-topics", SmokeCheckResult.pass("kafka", "5 topics"), List.of(), 40),
              new SmokeResult(
                  "probe/order-path",
                  SmokeCheckResult.skip("risk-engine", "no dry run support"),
                  List.of(),
                  3)),
          2400);

  @Test
  void junitHasOneTestcasePerCheckWithFailureAndEvidence() throws Exception {
    String xml = SmokeFormat.JUNIT.render(REPORT);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suites = doc.getDocumentElement();
    assertThat(suites.getAttribute("tests")).isEqualTo("3");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element failed = (Element) cases.item(0);
    assertThat(failed.getAttribute("name")).isEqualTo("ready/order-manager");
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("order-manager: not running: <killed> & gone");
    assertThat(failure.getTextContent()).contains("msg=boom", "last lines of order-manager's log");
    assertThat(((Element) cases.item(2)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void textTableNamesTheFailingComponentAndItsLogLines() {
    String text = SmokeFormat.TEXT.render(REPORT);
    assertThat(text)
        .contains("smoke of staging (1.2.0)")
        .containsPattern("ready/order-manager +order-manager +fail")
        .contains("last lines of order-manager's log:", "msg=boom")
        .contains("3 checks: 1 passed, 1 failed, 1 skipped in 2.4 s: FAILED");
    assertThat(REPORT.failureText())
        .contains("ready/order-manager [order-manager]: not running")
        .contains("msg=boom")
        .doesNotContain("kafka-topics");
  }
}
