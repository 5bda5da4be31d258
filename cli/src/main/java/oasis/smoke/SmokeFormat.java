package oasis.smoke;

import java.util.Locale;
import oasis.preflight.Status;

/** How a smoke report is written: a table for people, or JUnit XML (one testcase per check). */
public enum SmokeFormat {
  TEXT,
  JUNIT;

  public static SmokeFormat of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public String render(SmokeReport report) {
    return this == TEXT ? text(report) : junit(report);
  }

  private static String text(SmokeReport r) {
    int checkWidth =
        Math.max(5, r.results().stream().mapToInt(x -> x.check().length()).max().orElse(5));
    int compWidth =
        Math.max(
            9,
            r.results().stream()
                .mapToInt(x -> x.component() == null ? 0 : x.component().length())
                .max()
                .orElse(9));
    String row = "%-" + checkWidth + "s  %-" + compWidth + "s  %-6s %7s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append("smoke of ").append(r.environment());
    if (r.version() != null) {
      sb.append(" (").append(r.version()).append(')');
    }
    sb.append('\n');
    sb.append(String.format(row, "CHECK", "COMPONENT", "STATUS", "TIME", "RESULT"));
    for (SmokeResult x : r.results()) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              x.check(),
              x.component() == null ? "-" : x.component(),
              x.status().label(),
              x.millis() + "ms",
              x.message()));
      if (!x.evidence().isEmpty()) {
        String indent = " ".repeat(checkWidth + 2);
        sb.append(indent).append("last lines of ").append(x.component()).append("'s log:\n");
        x.evidence().forEach(l -> sb.append(indent).append("  ").append(l).append('\n'));
      }
    }
    sb.append(r.summary()).append(": ").append(r.failed() ? "FAILED" : "passed").append('\n');
    return sb.toString();
  }

  private static String junit(SmokeReport r) {
    long failures = r.count(Status.FAIL);
    long skipped = r.count(Status.SKIP);
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<testsuites name=\"oasis smoke\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
            r.results().size(),
            failures,
            skipped,
            r.millis() / 1000.0));
    sb.append(
        String.format(
            Locale.ROOT,
            "  <testsuite name=\"smoke.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
            xml(r.environment()),
            r.results().size(),
            failures,
            skipped,
            r.millis() / 1000.0));
    for (SmokeResult x : r.results()) {
      String kind =
          x.check().contains("/") ? x.check().substring(0, x.check().indexOf('/')) : x.check();
      sb.append(
          String.format(
              Locale.ROOT,
              "    <testcase classname=\"smoke.%s\" name=\"%s\" time=\"%.3f\"",
              xml(kind),
              xml(x.check()),
              x.millis() / 1000.0));
      switch (x.status()) {
        case FAIL -> {
          StringBuilder details = new StringBuilder(x.message());
          if (!x.evidence().isEmpty()) {
            details.append("\nlast lines of ").append(x.component()).append("'s log:");
            x.evidence().forEach(l -> details.append('\n').append(l));
          }
          sb.append(">\n      <failure message=\"")
              .append(xml((x.component() == null ? "" : x.component() + ": ") + x.message()))
              .append("\" type=\"fail\">")
              .append(xml(details.toString()))
              .append("</failure>\n    </testcase>\n");
        }
        case SKIP ->
            sb.append(">\n      <skipped message=\"")
                .append(xml(x.message()))
                .append("\"/>\n    </testcase>\n");
        default ->
            sb.append(">\n      <system-out>")
                .append(xml(x.status().label() + ": " + x.message()))
                .append("</system-out>\n    </testcase>\n");
      }
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  /** XML text and attribute escaping; control characters other than tab and newline dropped. */
  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
