package oasis.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oasis.console.RolloutFacts.Point;
import oasis.console.RolloutFacts.Series;
import oasis.console.RolloutFacts.StepFact;

/**
 * Inline SVG for the rollout report: the weight timeline of the steps, and per judged metric the
 * canary against stable over the measurements with the decision boundary and where it was crossed.
 * Each data point is a {@code circle} of class {@code canary} or {@code stable}; the canary is
 * drawn last, as a ring over a dashed line, so that a healthy canary lying on stable stays visible.
 */
final class SvgChart {

  static final int W = 640;
  static final int H = 220;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 36;

  private SvgChart() {}

  /** The weight after each step as bars, the current step outlined. */
  static String timeline(List<StepFact> steps) {
    StringBuilder b = open("timeline", "weight of the new track per step");
    int n = Math.max(1, steps.size());
    double slot = (W - LEFT - RIGHT) / (double) n;
    axes(b, 0, 100, "%");
    for (int i = 0; i < steps.size(); i++) {
      StepFact s = steps.get(i);
      double x = LEFT + i * slot + 4;
      double y = y(s.weightAfter(), 0, 100);
      String cls = "step " + s.status();
      b.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s"
                  + "</title></rect>",
              cls,
              x,
              y,
              slot - 8,
              Math.max(1, H - BOTTOM - y),
              esc(s.number() + ". " + s.text())));
      b.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
              x + (slot - 8) / 2,
              H - BOTTOM + 14,
              s.number()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label\" x=\"%d\" y=\"%d\">step</text>",
            W - RIGHT - 30,
            H - 6));
    return b.append("</svg>").toString();
  }

  /** Canary and stable as lines with a point per measurement, the boundary dashed. */
  static String series(Series s) {
    List<Point> pts = s.points();
    double high = high(s);
    StringBuilder b = open("metric", s.condition() + " of " + s.component());
    axes(b, 0, high, "");
    int n = pts.size();
    double dx = n <= 1 ? 0 : (W - LEFT - RIGHT - 20) / (double) (n - 1);
    if (s.overStable() != null) {
      overStable(b, pts, dx, high, s.overStable());
    }
    if (s.max() != null) {
      double by = y(s.max(), 0, high);
      b.append(
          String.format(
              Locale.ROOT,
              "<line class=\"boundary\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                  + "<text class=\"boundary-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">max"
                  + " %s</text>",
              LEFT,
              by,
              W - RIGHT,
              by,
              W - RIGHT - 4,
              by - 4,
              RolloutScreen.number(s.max())));
    }
    // stable first: when the tracks agree, the canary's rings and dashes stay visible over it
    track(b, pts, dx, high, false);
    track(b, pts, dx, high, true);
    xLabels(b, s, dx);
    b.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label\" x=\"%d\" y=\"%d\">step.measurement</text>",
            W - RIGHT - 110,
            H - 6));
    return b.append("</svg>").toString();
  }

  /** The top of a series' scale: above every value, its max and stable's allowed excess. */
  private static double high(Series s) {
    double high = s.max() == null ? 0 : s.max() * 1.2;
    for (Point p : s.points()) {
      high = Math.max(high, p.canary() == null ? 0 : p.canary() * 1.1);
      high = Math.max(high, p.stable() == null ? 0 : p.stable() * 1.1);
      if (s.overStable() != null && p.stable() != null) {
        high = Math.max(high, (p.stable() + s.overStable()) * 1.2);
      }
    }
    return high <= 0 ? 1 : high;
  }

  /** Each measurement's label on the x axis, and the mark where the series crossed. */
  private static void xLabels(StringBuilder b, Series s, double dx) {
    List<Point> pts = s.points();
    int n = pts.size();
    for (int i = 0; i < n; i++) {
      Point p = pts.get(i);
      double x = LEFT + 10 + i * dx;
      if (p.at() != null && p.at().equals(s.crossedAt())) {
        b.append(
            String.format(
                Locale.ROOT,
                "<line class=\"crossed\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"crossed-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">"
                    + "crossed</text>",
                x,
                TOP,
                x,
                H - BOTTOM,
                x > W / 2.0 ? x - 4 : x + 4,
                TOP + 12,
                x > W / 2.0 ? "end" : "start"));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d.%d</text>",
              x,
              H - BOTTOM + 14,
              p.step(),
              p.measurement()));
    }
  }

  /**
   * The boundary of a share judged against stable: stable's share plus {@code over} at each point,
   * dashed and labelled like the ceiling of an error rate.
   */
  private static void overStable(
      StringBuilder b, List<Point> pts, double dx, double high, double over) {
    List<String> coords = new ArrayList<>();
    double lastX = 0;
    double lastY = 0;
    for (int i = 0; i < pts.size(); i++) {
      Double stable = pts.get(i).stable();
      if (stable == null) {
        continue;
      }
      lastX = LEFT + 10 + i * dx;
      lastY = y(stable + over, 0, high);
      coords.add(String.format(Locale.ROOT, "%.1f,%.1f", lastX, lastY));
    }
    if (coords.isEmpty()) {
      return;
    }
    if (coords.size() == 1) {
      coords.add(String.format(Locale.ROOT, "%.1f,%.1f", (double) (W - RIGHT), lastY));
      lastX = W - RIGHT;
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<polyline class=\"boundary\" points=\"%s\"/>"
                + "<text class=\"boundary-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
                + "stable + %s</text>",
            String.join(" ", coords),
            lastX - 4,
            lastY - 4,
            RolloutScreen.number(over)));
  }

  private static void track(StringBuilder b, List<Point> pts, double dx, double high, boolean c) {
    String cls = c ? "canary" : "stable";
    List<String> coords = new ArrayList<>();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < pts.size(); i++) {
      Point p = pts.get(i);
      Double v = c ? p.canary() : p.stable();
      if (v == null) {
        continue;
      }
      double x = LEFT + 10 + i * dx;
      double y = y(v, 0, high);
      coords.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      dots.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"%s %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"><title>%s %s: %s (%d"
                  + " observations)</title></circle>",
              cls,
              p.outcome(),
              x,
              y,
              c ? 7 : 5,
              cls,
              p.step() + "." + p.measurement(),
              RolloutScreen.number(v),
              c ? p.canarySamples() : p.stableSamples()));
    }
    if (coords.size() > 1) {
      b.append("<polyline class=\"")
          .append(cls)
          .append("\" points=\"")
          .append(String.join(" ", coords))
          .append("\"/>");
    }
    b.append(dots);
  }

  private static StringBuilder open(String cls, String title) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg class=\"%s\" viewBox=\"0 0 %d %d\""
                    + " width=\"%d\" height=\"%d\" role=\"img\"><title>%s</title>",
                cls,
                W,
                H,
                W,
                H,
                esc(title)));
  }

  private static void axes(StringBuilder b, double low, double high, String unit) {
    b.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            LEFT,
            TOP,
            LEFT,
            H - BOTTOM,
            LEFT,
            H - BOTTOM,
            W - RIGHT,
            H - BOTTOM));
    for (int i = 0; i <= 4; i++) {
      double v = low + (high - low) * i / 4;
      double y = y(v, low, high);
      b.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                  + "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%s</text>",
              LEFT,
              y,
              W - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              RolloutScreen.number(v),
              unit));
    }
  }

  private static double y(double v, double low, double high) {
    double f = high > low ? (v - low) / (high - low) : 0;
    return H - BOTTOM - Math.max(0, Math.min(1, f)) * (H - BOTTOM - TOP);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
