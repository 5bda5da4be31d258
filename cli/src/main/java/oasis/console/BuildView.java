package oasis.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import oasis.core.Steps;

/**
 * {@code build}'s progress on a terminal (stderr): the build's lines scroll, and below them one row
 * per running piece of work (Maven's reactor, an image build) with the step it is at as a bar, what
 * that step is, and how long the work runs: "maven [2/5] ████░░░░░░ order-manager 1.0.0 12.3s".
 */
public final class BuildView extends LiveLines implements Consumer<String>, Steps {

  private static final int BAR = 10;

  private final Map<String, Work> running = new LinkedHashMap<>();

  private static final class Work {
    final long started;
    int n;
    int total;
    String what;

    Work(long started) {
      this.started = started;
    }
  }

  BuildView(PrintWriter err, Style style, LongSupplier nanos) {
    super(err, style, nanos);
  }

  /** A view on stderr when it is a terminal, else null: no steps, the plain lines. */
  public static BuildView onTerminal(PrintWriter err, boolean colour) {
    if (!Progress.stderrIsTerminal()) {
      return null;
    }
    BuildView v = new BuildView(err, new Style(colour), System::nanoTime);
    v.startTicking();
    return v;
  }

  @Override
  public synchronized void accept(String line) {
    redraw(line);
  }

  @Override
  public synchronized void step(String work, int n, int total, String what) {
    Work w = running.computeIfAbsent(work, k -> new Work(nanos.getAsLong()));
    w.n = n;
    w.total = total;
    w.what = what;
    redraw(null);
  }

  @Override
  public synchronized void done(String work) {
    if (running.remove(work) != null) {
      redraw(null);
    }
  }

  @Override
  List<String> rows(long now) {
    List<String> out = new ArrayList<>();
    running.forEach(
        (work, w) -> {
          int filled = w.total <= 0 ? 0 : Math.min(BAR, Math.round(BAR * (float) w.n / w.total));
          String bar = "█".repeat(filled) + "░".repeat(BAR - filled);
          String head =
              String.format(Locale.ROOT, "  %s [%d/%d] ", Text.fit(work, 28), w.n, w.total);
          String time = String.format(Locale.ROOT, " %6.1fs", (now - w.started) / 1e9);
          int room = Math.max(1, Tables.WIDTH - 1 - head.length() - BAR - 1 - time.length());
          out.add(head + style.green(bar) + " " + Text.cell(w.what, room) + time);
        });
    return out;
  }

  @Override
  boolean moving() {
    return !running.isEmpty();
  }
}
