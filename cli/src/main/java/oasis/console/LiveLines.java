package oasis.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on a terminal's stderr: lines that scroll, with elapsed time, above a few rows redrawn
 * in place at the bottom (cursor up over the rows, erased below, drawn again). While {@link
 * #moving()} the rows are redrawn every {@value #TICK_MILLIS} ms, so that their times run.
 */
abstract class LiveLines implements AutoCloseable {

  private static final long TICK_MILLIS = 200;

  private final PrintWriter err;
  protected final Style style;
  protected final LongSupplier nanos;
  private final long began;
  private int drawn;
  private boolean closed;

  LiveLines(PrintWriter err, Style style, LongSupplier nanos) {
    this.err = err;
    this.style = style;
    this.nanos = nanos;
    this.began = nanos.getAsLong();
  }

  /** The rows at {@code now}; each within 80 columns (a wrapped row breaks the redraw). */
  abstract List<String> rows(long now);

  /** Whether the rows change with time alone (then they are redrawn while nobody writes). */
  abstract boolean moving();

  /** Erases the rows, prints {@code line} (when not null) where they were, draws the rows again. */
  final synchronized void redraw(String line) {
    StringBuilder b = new StringBuilder();
    if (drawn > 0) {
      b.append("\u001b[").append(drawn).append("A\r\u001b[J");
    }
    if (line != null) {
      double s = (nanos.getAsLong() - began) / 1e9;
      b.append(String.format(Locale.ROOT, "%7.1fs %s%n", s, line));
    }
    List<String> rows = rows(nanos.getAsLong());
    rows.forEach(l -> b.append(l).append(System.lineSeparator()));
    drawn = rows.size();
    err.print(b);
    err.flush();
  }

  /** The rows now drawn stay on the screen as ordinary lines; later rows start below them. */
  final synchronized void keep() {
    drawn = 0;
  }

  /** Redraws while {@link #moving()}, until closed; a daemon thread. */
  final void startTicking() {
    Thread ticker =
        new Thread(
            () -> {
              synchronized (this) {
                while (!closed) {
                  if (drawn > 0 && moving()) {
                    redraw(null);
                  }
                  try {
                    wait(TICK_MILLIS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "oasis-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Stops the redrawing; the rows stay as they were last drawn. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
