package oasis.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oasis.deploy.StatusReport;
import oasis.state.Revision;

/**
 * The text tables of {@code status} and {@code history}, within 80 columns: local {@code HH:MM:SS}
 * times and short durations (JSON keeps the full instants).
 */
public final class Tables {

  public static final int WIDTH = 80;

  private Tables() {}

  /** {@code status}: a header, one row per instance, its endpoints on an indented line. */
  public static List<String> status(StatusReport s, Style st) {
    List<String> out = new ArrayList<>();
    out.add(
        Text.fit(
            "environment "
                + s.environment()
                + " (target "
                + s.target()
                + "): "
                + s.state()
                + (s.revision() == null
                    ? ""
                    : ", revision " + s.revision() + " (" + s.version() + ")"),
            WIDTH));
    if (!s.components().isEmpty() || !s.infrastructure().isEmpty()) {
      out.add("");
      out.add(row("NAME", "TRACK", "VERSION", "READY", "RESTARTS", "PID"));
      for (StatusReport.Infrastructure i : s.infrastructure()) {
        out.add(
            styled(
                row(
                    "(" + i.kind() + ") " + i.name(),
                    "",
                    "",
                    yes(i.ready()),
                    "" + i.restarts(),
                    pid(i.pid())),
                i.ready(),
                st));
        out.addAll(endpoints(i.endpoints(), i.detail(), st));
      }
      for (StatusReport.Component c : s.components()) {
        out.add(
            styled(
                row(
                    c.name(),
                    c.track(),
                    c.version(),
                    yes(c.ready()),
                    "" + c.restarts(),
                    pid(c.pid())),
                c.ready(),
                st));
        out.addAll(endpoints(c.endpoints(), c.detail(), st));
      }
    }
    s.notes().forEach(n -> out.add(Text.fit("note: " + n, WIDTH)));
    return out;
  }

  private static String row(
      String name, String track, String version, String ready, String restarts, String pid) {
    return Text.cell(name, 22)
        + " "
        + Text.cell(track, 7)
        + " "
        + Text.cell(version, 26)
        + " "
        + Text.cell(ready, 5)
        + " "
        + Text.cell(restarts, 8)
        + " "
        + Text.fit(pid, 7);
  }

  private static String styled(String row, boolean ready, Style st) {
    return ready ? row : st.red(row);
  }

  private static List<String> endpoints(Map<String, String> endpoints, String detail, Style st) {
    List<String> out = new ArrayList<>();
    if (!endpoints.isEmpty()) {
      StringBuilder b = new StringBuilder("  ");
      endpoints.forEach((k, v) -> b.append(k).append(' ').append(v).append("  "));
      out.add(st.dim(Text.fit(b.toString().stripTrailing(), WIDTH)));
    }
    if (detail != null) {
      out.add(Text.fit("  " + detail, WIDTH));
    }
    return out;
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  private static String pid(Long pid) {
    return pid == null ? "-" : pid.toString();
  }

  /** {@code history}: newest first; the current revision marked with {@code *}. */
  public static List<String> history(
      List<Revision> newestFirst, Integer current, Style st, Instant now, ZoneId zone) {
    List<String> out = new ArrayList<>();
    out.add(hrow("REV", "VERSION", "COMMIT", "STRATEGY", "STATE", "STARTED", "TOOK"));
    for (Revision r : newestFirst) {
      String took =
          r.finishedAt() == null
              ? "-"
              : Times.span(Duration.between(r.startedAt(), r.finishedAt()));
      String rev = r.revision() + (Integer.valueOf(r.revision()).equals(current) ? "*" : "");
      String row =
          hrow(
              rev,
              r.version(),
              r.commit().length() > 7 ? r.commit().substring(0, 7) : r.commit(),
              r.strategy(),
              r.state().label(),
              Times.local(r.startedAt(), now, zone),
              took);
      out.add(row);
      if (r.reason() != null) {
        out.add(st.dim(Text.fit("     " + r.reason().lines().findFirst().orElse(""), WIDTH)));
      }
    }
    return out;
  }

  private static String hrow(
      String rev,
      String version,
      String commit,
      String strategy,
      String state,
      String started,
      String took) {
    return Text.cell(rev, 5)
        + Text.cell(version, 24)
        + " "
        + Text.cell(commit, 7)
        + " "
        + Text.cell(strategy, 11)
        + " "
        + Text.cell(state, 11)
        + " "
        + Text.cell(started, 11)
        + " "
        + Text.fit(took, 6);
  }
}
