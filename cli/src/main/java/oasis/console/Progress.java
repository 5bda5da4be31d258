package oasis.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress lines of long work (build, deploy, rollout) on stderr. On a terminal each line carries
 * the time elapsed since the command began, so that a person sees how long each instance took from
 * starting to ready; when stderr is not a terminal the lines stay exactly as the engines wrote them
 * (CI logs and the tests read them).
 */
public final class Progress {

  /** When this command began, near enough: the first use of this class. */
  private static final long START = System.nanoTime();

  private Progress() {}

  /** The sink for {@code err}: timed on a terminal, plain otherwise. */
  public static Consumer<String> to(PrintWriter err) {
    return to(err, stderrIsTerminal(), START);
  }

  static Consumer<String> to(PrintWriter err, boolean terminal, long startNanos) {
    if (!terminal) {
      return line -> {
        err.println(line);
        err.flush();
      };
    }
    return line -> {
      double s = (System.nanoTime() - startNanos) / 1e9;
      err.println(String.format(Locale.ROOT, "%7.1fs %s", s, line));
      err.flush();
    };
  }

  /** Whether file descriptor 2 is a terminal (Linux: a link to a tty or pseudo-terminal). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // not Linux, or no /proc: plain lines, which are always right
    }
  }
}
