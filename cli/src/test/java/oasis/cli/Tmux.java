package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A program in a real pseudo-terminal: a detached tmux session, driven by keys, read by screen. */
final class Tmux implements AutoCloseable {

  final String session;

  private Tmux(String session) {
    this.session = session;
  }

  /** Starts {@code command} (a shell line) in a new session of {@code cols} x {@code rows}. */
  static Tmux start(String command, int cols, int rows) throws Exception {
    Tmux t = new Tmux("oasis-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    t.tmux(
        "new-session",
        "-d",
        "-s",
        t.session,
        "-x",
        "" + cols,
        "-y",
        "" + rows,
        "bash",
        "-c",
        command);
    return t;
  }

  /** Keys as tmux names them ({@code Tab}, {@code Enter}, {@code C-c}) or literal text. */
  void keys(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session, "--"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** The visible screen, one string. */
  String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", session);
  }

  /** The screen and everything scrolled off it. */
  String scrollback() throws Exception {
    return tmux("capture-pane", "-p", "-S", "-", "-t", session);
  }

  /** Waits (bounded) until the screen satisfies {@code ok}; returns that screen. */
  String await(String what, Duration within, Predicate<String> ok) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = screen();
      if (ok.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("screen never showed " + what + " within " + within + ":\n" + last);
  }

  /** The last non-blank line of a screen. */
  static String lastLine(String screen) {
    List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  String tmux(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("tmux %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  @Override
  public void close() throws Exception {
    new ProcessBuilder("tmux", "kill-session", "-t", session)
        .redirectErrorStream(true)
        .start()
        .waitFor();
  }
}
