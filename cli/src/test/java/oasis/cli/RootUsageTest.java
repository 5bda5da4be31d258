package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The root's usage printed from a constant is the one picocli renders for the real tree. */
class RootUsageTest {

  /**
   * Picocli's rendering of the real tree: every command registered with its whole model, the root's
   * options and the command list from {@link Commands#ALL} ({@link Oasis.RootHelp}).
   */
  private static String picocliRendering() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    CommandLine tree = Oasis.commandLine(out, out, Ansi.OFF);
    assertThat(tree.getSubcommands()).hasSize(Commands.ALL.size());
    tree.usage(out);
    out.flush();
    return text.toString();
  }

  @Test
  void theConstantIsPicocliRenderingOfTheRealCommandTree() {
    String rendered = picocliRendering();
    assertThat(RootUsage.text())
        .as(
            "RootUsage.TEXT is out of date with the command tree; paste this into it:%n%s",
            rendered)
        .isEqualTo(rendered);
  }

  @Test
  void helpAndBareOasisPrintTheConstantAndExitZero() {
    for (String[] args :
        new String[][] {{"--help"}, {"-h"}, {}, {"--no-color", "--help"}, {"-h", "--no-color"}}) {
      OasisTest.Result r = OasisTest.run(args);
      assertThat(r.code()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).isEqualTo(picocliRendering());
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void onlyTheRootsOwnHelpIsAnsweredFromTheConstant() {
    assertThat(RootUsage.answers("--help")).isTrue();
    assertThat(RootUsage.answers()).isTrue();
    assertThat(RootUsage.answers("status", "--help")).isFalse();
    assertThat(RootUsage.answers("--help", "status")).isFalse();
    assertThat(RootUsage.answers("--project-dir", "x", "--help")).isFalse();
    assertThat(RootUsage.answers("--no-color")).isFalse();
    assertThat(RootUsage.answers("-V")).isFalse();
    assertThat(OasisTest.run("status", "--help").out()).startsWith("Usage: oasis status");
  }
}
