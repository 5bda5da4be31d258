package oasis.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy}'s live view on a terminal (stderr): each instance the deploy starts, as one row
 * from starting to ready with its elapsed time, redrawn in place under the scrolling progress lines
 * (cursor up over the rows, cleared, drawn again). It reads the engines' progress lines, the same
 * lines that a pipe gets unchanged: "... as revision N[;:] starting a, b", " a ready (1.2 s)", " a
 * did not become ready: ...", and Kubernetes' " a: state". Once every row is settled the rows stay
 * where they are as ordinary lines; a later "starting" begins new rows.
 */
public final class DeployView extends LiveLines implements Consumer<String> {

  private static final Pattern STARTING =
      Pattern.compile(".* as revision \\d+[;:] starting (.+?)(?: on the \\S+ track)?");
  private static final Pattern READY = Pattern.compile("\\s+(\\S+) ready \\(.*\\)");
  private static final Pattern FAILED = Pattern.compile("\\s+(\\S+) did not become ready: .*");
  private static final Pattern STATE = Pattern.compile("\\s+(\\S+): (\\S.*)");

  private final Map<String, Row> rows = new LinkedHashMap<>();

  private static final class Row {
    final String name;
    final long started;
    String label;
    String state = "starting";
    long settled = -1;

    Row(String name, long started) {
      this.name = name;
      this.label = name;
      this.started = started;
    }
  }

  DeployView(PrintWriter err, Style style, LongSupplier nanos) {
    super(err, style, nanos);
  }

  /**
   * The progress sink of a deploy: on a terminal this live view, redrawn while instances start;
   * otherwise the engines' lines exactly as they are (scripts and CI logs read them).
   */
  public static Consumer<String> to(PrintWriter err, boolean colour) {
    if (!Progress.stderrIsTerminal()) {
      return Progress.to(err);
    }
    DeployView view = new DeployView(err, new Style(colour), System::nanoTime);
    view.startTicking();
    return view;
  }

  /** Ends the view of a sink made by {@link #to}: rows stay as they were last drawn. */
  public static void end(Consumer<String> sink) {
    if (sink instanceof DeployView v) {
      v.close();
    }
  }

  @Override
  public synchronized void accept(String line) {
    long now = nanos.getAsLong();
    Matcher m;
    if ((m = STARTING.matcher(line)).matches()) {
      for (String name : m.group(1).split(",\\s*")) {
        rows.put(name, new Row(name, now));
      }
      redraw(line);
    } else if ((m = READY.matcher(line)).matches()) {
      settle(m.group(1), "ready", now, line);
    } else if ((m = FAILED.matcher(line)).matches()) {
      settle(m.group(1), "failed", now, line);
      redraw(line); // the reason is news: it scrolls above the rows
    } else if ((m = STATE.matcher(line)).matches() && row(m.group(1)) != null) {
      if ("ready".equals(m.group(2))) {
        settle(m.group(1), "ready", now, line);
      } else {
        row(m.group(1)).state = m.group(2);
        redraw(null);
      }
    } else {
      redraw(line);
    }
    freezeIfSettled();
  }

  private void settle(String name, String state, long now, String line) {
    Row r = row(name);
    if (r == null) {
      // an instance this view was not told of (e.g. stable restarted): shown as it is
      r = new Row(name, now);
      rows.put(name, r);
    }
    if (r.settled < 0) {
      r.settled = now;
      r.state = state;
      r.label = name;
    }
    if ("ready".equals(state)) {
      redraw(null);
    }
  }

  /** The row of {@code name}, or of its component when a track suffixes it ({@code a@canary}). */
  private Row row(String name) {
    Row r = rows.get(name);
    if (r == null && name.contains("@")) {
      r = rows.get(name.substring(0, name.indexOf('@')));
    }
    return r;
  }

  private boolean settled() {
    return rows.values().stream().allMatch(r -> r.settled >= 0);
  }

  /** Rows that are all settled stay on the screen as they are; new rows start below. */
  private void freezeIfSettled() {
    if (settled()) {
      rows.clear();
      keep();
    }
  }

  /** One row per instance: name, state, seconds since it started (until it settled). */
  @Override
  List<String> rows(long now) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.values()) {
      long until = r.settled >= 0 ? r.settled : now;
      String state = Text.cell(r.state, 12);
      String styled =
          switch (r.state) {
            case "ready" -> style.green(state);
            case "failed" -> style.red(state);
            default -> style.yellow(state);
          };
      // at most 2 + 40 + 1 + 12 + 1 + 7 + 1 columns: within 80, never wrapped
      out.add(
          String.format(
              Locale.ROOT,
              "  %s %s %6.1fs",
              Text.cell(r.label, 40),
              styled,
              (until - r.started) / 1e9));
    }
    return out;
  }

  @Override
  boolean moving() {
    return !settled();
  }
}
