package oasis.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void linesStayAsTheEngineWroteThemWhenStderrIsNotATerminal() {
    StringWriter sw = new StringWriter();
    Progress.to(new PrintWriter(sw), false, System.nanoTime()).accept("starting callee");
    assertThat(sw.toString()).isEqualTo("starting callee" + System.lineSeparator());
  }

  @Test
  void onATerminalEachLineCarriesTheElapsedTime() {
    StringWriter sw = new StringWriter();
    long began = System.nanoTime() - 12_300_000_000L;
    Progress.to(new PrintWriter(sw), true, began).accept("callee ready");
    assertThat(sw.toString()).matches("\\s+12\\.[34]s callee ready\\R");
  }
}
