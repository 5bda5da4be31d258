package oasis.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * {@code --watch}: reads a state again and again and shows it. On a terminal the screen is redrawn
 * in place (cursor home, each line cleared to its end): one screen, no scrolling wall. Otherwise
 * one plain line per change, or with {@code --output json} one JSON document (one line) per change,
 * so that CI logs stay readable. Ends when {@code done} holds, or on Ctrl-C.
 *
 * @param <T> what is watched; a change is a value not {@code equals} to the last one
 */
public final class LiveView<T> {

  /** How a view shows itself. */
  public enum Mode {
    SCREEN,
    LINES,
    JSON
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          // named, not found: a service loader would open each of the CLI's hundred jars
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Supplier<T> read;
  private final Function<T, List<String>> screen;
  private final Function<T, String> line;
  private final Predicate<T> done;

  public LiveView(
      Supplier<T> read,
      Function<T, List<String>> screen,
      Function<T, String> line,
      Predicate<T> done) {
    this.read = read;
    this.screen = screen;
    this.line = line;
    this.done = done;
  }

  /** SCREEN only on a terminal; JSON when asked; plain lines otherwise. */
  public static Mode mode(boolean json, boolean terminal) {
    return json ? Mode.JSON : terminal ? Mode.SCREEN : Mode.LINES;
  }

  /** Runs until done or interrupted; returns normally either way. */
  public void run(PrintWriter out, Mode mode, Duration every) {
    Terminal terminal = mode == Mode.SCREEN ? ConsoleTerminal.get() : null;
    Thread watcher = Thread.currentThread();
    Terminal.SignalHandler previous = null;
    if (terminal != null && !ConsoleTerminal.inShell()) {
      previous = terminal.handle(Terminal.Signal.INT, s -> watcher.interrupt());
    }
    try {
      loop(out, mode, every, terminal);
    } finally {
      if (previous != null) {
        terminal.handle(Terminal.Signal.INT, previous);
      }
      out.flush();
    }
  }

  private void loop(PrintWriter out, Mode mode, Duration every, Terminal terminal) {
    T last = null;
    boolean first = true;
    while (true) {
      T now = read.get();
      if (mode == Mode.SCREEN) {
        draw(out, screen.apply(now), terminal, first);
      } else if (!Objects.equals(now, last)) {
        out.println(mode == Mode.JSON ? json(now) : line.apply(now));
        out.flush();
      }
      first = false;
      last = now;
      if (done.test(now)) {
        return;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException stop) {
        return; // Ctrl-C: the view ends, the command succeeds
      }
    }
  }

  /** Cursor home, every line cleared to its end, then the rest of the screen cleared. */
  private static void draw(PrintWriter out, List<String> lines, Terminal t, boolean first) {
    int rows = Math.max(5, t.getHeight() > 0 ? t.getHeight() - 1 : 24);
    StringBuilder b = new StringBuilder();
    b.append(first ? "\u001b[H\u001b[2J" : "\u001b[H");
    for (int i = 0; i < Math.min(rows, lines.size()); i++) {
      b.append(lines.get(i)).append("\u001b[K\n");
    }
    b.append("\u001b[J");
    out.print(b);
    out.flush();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }
}
