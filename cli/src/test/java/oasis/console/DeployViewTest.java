package oasis.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeployViewTest {

  private final AtomicLong clock = new AtomicLong(0);
  private final StringWriter written = new StringWriter();
  private final DeployView view =
      new DeployView(new PrintWriter(written), new Style(false), clock::get);

  private void at(double seconds, String line) {
    clock.set((long) (seconds * 1e9));
    view.accept(line);
  }

  @Test
  void eachInstanceIsOneRowRedrawnInPlaceFromStartingToReadyWithItsElapsedTime() {
    at(0, "deploy of 1.2.0 to staging as revision 3; starting callee, order-manager");
    at(0.5, "  note: order-manager listens on 50052");
    assertThat(Screen.of(written.toString()))
        .containsExactly(
            "    0.0s deploy of 1.2.0 to staging as revision 3; starting callee, order-manager",
            "    0.5s   note: order-manager listens on 50052",
            "  callee                                   starting        0.5s",
            "  order-manager                            starting        0.5s");

    at(2.4, "  callee ready (2.4 s)");
    at(3.1, "  order-manager ready (3.1 s)");

    assertThat(Screen.of(written.toString()))
        .as("one row per instance, rewritten: no scrolling wall of ready lines")
        .containsExactly(
            "    0.0s deploy of 1.2.0 to staging as revision 3; starting callee, order-manager",
            "    0.5s   note: order-manager listens on 50052",
            "  callee                                   ready           2.4s",
            "  order-manager                            ready           3.1s");
  }

  @Test
  void aCanaryTracksInstanceFillsItsComponentsRowAndAFailureScrollsAboveTheRows() {
    at(0, "canary of 1.3.0 to staging as revision 4: starting order-manager on the canary track");
    at(4, "  order-manager@canary did not become ready: exited with 1");
    assertThat(Screen.of(written.toString()))
        .containsExactly(
            "    0.0s canary of 1.3.0 to staging as revision 4: starting order-manager on the"
                + " canary track",
            "    4.0s   order-manager@canary did not become ready: exited with 1",
            "  order-manager@canary                     failed          4.0s");
  }

  @Test
  void settledRowsStayAsLinesAndANewDeployStepStartsNewRowsBelow() {
    at(0, "deploy of 1.2.0 to staging as revision 3; starting callee");
    at(1, "  callee ready (1.0 s)");
    at(2, "smoke of staging:");
    at(2, "rollback of 1.1.0 to staging as revision 5; starting callee");
    at(3, "  callee ready (1.0 s)");
    assertThat(Screen.of(written.toString()))
        .containsExactly(
            "    0.0s deploy of 1.2.0 to staging as revision 3; starting callee",
            "  callee                                   ready           1.0s",
            "    2.0s smoke of staging:",
            "    2.0s rollback of 1.1.0 to staging as revision 5; starting callee",
            "  callee                                   ready           1.0s");
  }

  @Test
  void aPipeGetsTheEnginesLinesUnchanged() {
    // the CLI's ITs run with stderr on a pipe: the view is not there at all
    assertThat(Progress.stderrIsTerminal()).isFalse();
    StringWriter sw = new StringWriter();
    var sink = DeployView.to(new PrintWriter(sw), true);
    sink.accept("deploy of 1.2.0 to staging as revision 3; starting callee");
    sink.accept("  callee ready (2.4 s)");
    DeployView.end(sink);
    assertThat(sw.toString())
        .isEqualTo(
            "deploy of 1.2.0 to staging as revision 3; starting callee"
                + System.lineSeparator()
                + "  callee ready (2.4 s)"
                + System.lineSeparator());
  }

  /** The lines a terminal shows after {@code text}: cursor up, carriage return, erase below. */
  static final class Screen {
    static List<String> of(String text) {
      List<String> lines = new ArrayList<>();
      lines.add("");
      int row = 0;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\u001b' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
          int j = i + 2;
          while (!Character.isLetter(text.charAt(j))) {
            j++;
          }
          String arg = text.substring(i + 2, j);
          switch (text.charAt(j)) {
            case 'A' -> row = Math.max(0, row - Integer.parseInt(arg));
            case 'J' -> {
              while (lines.size() > row + 1) {
                lines.remove(lines.size() - 1);
              }
              lines.set(row, "");
            }
            default -> throw new AssertionError("unexpected escape " + arg + text.charAt(j));
          }
          i = j + 1;
        } else if (c == '\r') {
          lines.set(row, "");
          i++;
        } else if (c == '\n') {
          row++;
          if (lines.size() <= row) {
            lines.add("");
          }
          i++;
        } else {
          lines.set(row, lines.get(row) + c);
          i++;
        }
      }
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return lines;
    }
  }
}
