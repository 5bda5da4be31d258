package oasis.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oasis.console.RolloutFacts.Evidence;
import oasis.console.RolloutFacts.Point;
import oasis.console.RolloutFacts.Series;
import oasis.console.RolloutFacts.StepFact;

/**
 * A rollout as one screen for {@code rollout status --watch}: steps with the current one marked,
 * the weights as a bar, and per judged metric a sparkline of canary against stable with the judge's
 * latest evidence.
 */
public final class RolloutScreen {

  /** How many measurements a sparkline shows: the latest ones. */
  static final int SPARK = 16;

  private RolloutScreen() {}

  /** The screen's lines, each at most {@code width} visible characters. */
  public static List<String> render(RolloutFacts f, Style st, Instant now, ZoneId zone, int width) {
    List<String> out = new ArrayList<>();
    if (!f.present()) {
      out.add("environment " + f.environment() + ": " + f.note());
      return out;
    }
    out.add(
        Text.fit(
                "rollout of "
                    + f.version()
                    + " on "
                    + f.environment()
                    + " (revision "
                    + f.revision()
                    + ", "
                    + f.strategy()
                    + ")",
                width - 10)
            + "  "
            + Times.local(now, now, zone));
    out.add(
        "state: "
            + st.outcome(f.state())
            + "   running "
            + Times.span(Duration.between(f.startedAt(), end(f, now)))
            + (f.readyAt() == null
                ? ""
                : ", track ready at " + Times.local(f.readyAt(), now, zone)));
    out.add(
        Text.cell(f.track(), 7)
            + Sparkline.bar(f.weight(), 40)
            + String.format(" %3d%%  stable %3d%%", f.weight(), 100 - f.weight()));
    out.add("");
    for (StepFact s : f.steps()) {
      String mark =
          switch (s.status()) {
            case "done" -> st.green("done");
            case "now" -> st.bold("now ");
            case "aborted" -> st.red("stop");
            default -> "    ";
          };
      out.add("  " + mark + " " + Text.fit(s.number() + ". " + s.text(), width - 8));
    }
    if (!f.series().isEmpty()) {
      out.add("");
      out.add(Text.cell("METRIC", 30) + "   canary (c) against stable (s), latest");
    }
    for (Series s : f.series()) {
      out.addAll(metric(s, st, width));
    }
    lastEvidence(f).forEach(e -> out.add(Text.fit("  #" + e.measurement() + " " + e.why(), width)));
    if (f.message() != null) {
      out.add("");
      out.add(Text.fit(f.message(), width));
    }
    out.add(st.dim(Text.fit("note: " + f.note(), width)));
    return out;
  }

  private static Instant end(RolloutFacts f, Instant now) {
    return f.finishedAt() != null ? f.finishedAt() : now;
  }

  private static List<String> metric(Series s, Style st, int width) {
    List<Point> pts = Sparkline.last(s.points(), SPARK);
    double low = 0;
    double high = s.max() == null ? 0 : s.max();
    for (Point p : pts) {
      high = Math.max(high, p.canary() == null ? 0 : p.canary());
      high = Math.max(high, p.stable() == null ? 0 : p.stable());
    }
    Point lastPoint = pts.get(pts.size() - 1);
    String name = s.condition() + " of " + s.component();
    String bound = s.max() == null ? "" : " max " + number(s.max());
    List<String> lines = new ArrayList<>();
    lines.add(Text.fit(name + bound, width - 10) + "  " + st.outcome(lastPoint.outcome()));
    lines.add(
        "   c "
            + Text.cell(Sparkline.of(pts.stream().map(Point::canary).toList(), low, high), SPARK)
            + " "
            + Text.cell(number(lastPoint.canary()), 10)
            + "s "
            + Text.cell(Sparkline.of(pts.stream().map(Point::stable).toList(), low, high), SPARK)
            + " "
            + number(lastPoint.stable()));
    return lines;
  }

  private static List<Evidence> lastEvidence(RolloutFacts f) {
    if (f.analyses().isEmpty()) {
      return List.of();
    }
    List<Evidence> ev = f.analyses().get(f.analyses().size() - 1).evidence();
    if (ev.isEmpty()) {
      return List.of();
    }
    int m = ev.get(ev.size() - 1).measurement();
    return ev.stream().filter(e -> e.measurement() == m).toList();
  }

  /** Four significant digits: error rates and seconds alike. */
  static String number(Double v) {
    if (v == null) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** One plain line for logs: what changed, no escape sequences. */
  public static String line(RolloutFacts f, Instant now, ZoneId zone) {
    if (!f.present()) {
      return Times.local(now, now, zone) + " " + f.environment() + ": " + f.note();
    }
    String step =
        f.steps().stream()
            .filter(s -> "now".equals(s.status()))
            .map(s -> "step " + s.number() + "/" + f.steps().size() + " " + s.text())
            .findFirst()
            .orElse("steps done");
    return String.format(
        "%s revision %d %s: %s %d%%, %s; %s",
        Times.local(now, now, zone),
        f.revision(),
        f.state(),
        f.track(),
        f.weight(),
        step,
        f.message());
  }
}
