package oasis.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BuildViewTest {

  private final AtomicLong clock = new AtomicLong(0);
  private final StringWriter written = new StringWriter();
  private final BuildView view =
      new BuildView(new PrintWriter(written), new Style(false), clock::get);

  private void at(double seconds) {
    clock.set((long) (seconds * 1e9));
  }

  @Test
  void theReactorsProgressIsOneRowRedrawnUnderTheBuildsLinesAndGoneWhenMavenEnds() {
    view.accept("building common, order-manager with Maven; log: .oasis/logs/build.log");
    at(1);
    view.step("maven", 1, 4, "oasis-services 1.0.0-SNAPSHOT");
    at(3);
    view.step("maven", 2, 4, "common 1.0.0-SNAPSHOT");
    assertThat(DeployViewTest.Screen.of(written.toString()))
        .containsExactly(
            "    0.0s building common, order-manager with Maven; log: .oasis/logs/build.log",
            "  maven [2/4] █████░░░░░ common 1.0.0-SNAPSHOT                             2.0s");

    at(20);
    view.accept("  still building (20.0 s)");
    view.step("maven", 4, 4, "order-manager 1.0.0-SNAPSHOT");
    view.done("maven");
    view.accept("  Maven done in 25.0 s");
    assertThat(DeployViewTest.Screen.of(written.toString()))
        .containsExactly(
            "    0.0s building common, order-manager with Maven; log: .oasis/logs/build.log",
            "   20.0s   still building (20.0 s)",
            "   20.0s   Maven done in 25.0 s");
  }

  @Test
  void anImageBuildShowsItsDockerfileStepAndEveryRowFitsEightyColumns() {
    view.step(
        "oasis-kit/order-manager:1.0.0-dev-0123456789abcdef",
        3,
        8,
        "COPY lib /app/lib and a very long instruction that goes on and on past the edge");
    var rows = DeployViewTest.Screen.of(written.toString());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .startsWith("  oasis-kit/order-manager:1.0… [3/8] ████░░░░░░ COPY lib /app/lib and …")
        .endsWith("0.0s");
    assertThat(rows.get(0).length()).isLessThanOrEqualTo(80);
  }

  @Test
  void aPipeGetsNoView() {
    assertThat(Progress.stderrIsTerminal()).isFalse();
    assertThat(BuildView.onTerminal(new PrintWriter(new StringWriter()), true)).isNull();
  }
}
