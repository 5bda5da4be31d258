package oasis.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report formats of {@code oasis preflight}: a text table, JSON, JUnit XML, GitHub annotations.
 */
public enum ReportFormat {
  TEXT,
  JSON,
  JUNIT,
  GITHUB;

  /** Renders {@code report}; files are shown relative to {@code base}. */
  public String render(PreflightReport report, Path base) {
    return switch (this) {
      case TEXT -> text(report, base);
      case JSON -> json(report, base);
      case JUNIT -> junit(report, base);
      case GITHUB -> github(report, base);
    };
  }

  public static ReportFormat of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static String text(PreflightReport report, Path base) {
    StringBuilder sb = new StringBuilder();
    int idWidth =
        Math.max(
            8, report.outcomes().stream().mapToInt(o -> o.spec().id().length()).max().orElse(8));
    String row = "%-" + idWidth + "s  %-6s %-8s %s%n";
    sb.append(
        "preflight of "
            + report.environment()
            + (report.release() == null ? "" : ", release " + report.release())
            + "\n");
    sb.append(String.format(row, "CHECK", "STATUS", "SEVERITY", "RESULT"));
    for (CheckOutcome o : report.outcomes()) {
      sb.append(
          String.format(
              row,
              o.spec().id(),
              o.status().label(),
              o.spec().severity().label(),
              o.spec().title()));
      String indent = " ".repeat(idWidth + 2);
      sb.append(indent).append("  ").append(o.message()).append('\n');
      for (Finding f : o.findings()) {
        sb.append(indent)
            .append("  - ")
            .append(f.status().label())
            .append(": ")
            .append(f.describe())
            .append('\n');
      }
      if (o.waiver() != null) {
        sb.append(indent).append("  ").append(o.waiver()).append('\n');
      }
    }
    sb.append(report.summary())
        .append(": ")
        .append(report.failed() ? "FAILED" : "passed")
        .append('\n');
    return sb.toString();
  }

  private static String json(PreflightReport report, Path base) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("environment", report.environment());
    root.put("release", report.release());
    root.put("strict", report.strict());
    root.put("status", report.failed() ? "fail" : "pass");
    ObjectNode summary = root.putObject("summary");
    for (Status s : Status.values()) {
      summary.put(s.label(), report.count(s));
    }
    ArrayNode checks = root.putArray("checks");
    for (CheckOutcome o : report.outcomes()) {
      ObjectNode c = checks.addObject();
      c.put("id", o.spec().id());
      c.put("title", o.spec().title());
      c.put("severity", o.spec().severity().label());
      c.put("check", o.spec().type());
      c.put("status", o.status().label());
      c.put("message", o.message());
      c.put("waiver", o.waiver());
      c.put("declaredAt", base.relativize(o.spec().file()) + ":" + o.spec().line());
      c.put("durationMs", o.millis());
      ArrayNode findings = c.putArray("findings");
      for (Finding f : o.findings()) {
        ObjectNode n = findings.addObject();
        n.put("status", f.status().label());
        n.put("file", f.file() == null ? null : f.file().toString());
        n.put("line", f.line());
        n.put("message", f.message());
        n.put("fix", f.fix());
      }
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  private static String junit(PreflightReport report, Path base) {
    long failures = report.outcomes().stream().filter(o -> failing(report, o)).count();
    double total = report.outcomes().stream().mapToLong(CheckOutcome::millis).sum() / 1000.0;
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<testsuites name=\"oasis preflight\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
            report.outcomes().size(),
            failures,
            report.count(Status.SKIP),
            total));
    sb.append(
        String.format(
            Locale.ROOT,
            "  <testsuite name=\"preflight.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
            xml(report.environment()),
            report.outcomes().size(),
            failures,
            report.count(Status.SKIP),
            total));
    for (CheckOutcome o : report.outcomes()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "    <testcase classname=\"preflight.%s\" name=\"%s\" file=\"%s\" line=\"%d\" time=\"%.3f\"",
              xml(o.spec().type()),
              xml(o.spec().id() + ": " + o.spec().title()),
              xml(base.relativize(o.spec().file()).toString()),
              o.spec().line(),
              o.millis() / 1000.0));
      String details = details(o);
      if (failing(report, o)) {
        sb.append(">\n      <failure message=\"")
            .append(xml(o.message()))
            .append("\" type=\"")
            .append(o.status().label())
            .append("\">")
            .append(xml(details))
            .append("</failure>\n    </testcase>\n");
      } else if (o.status() == Status.SKIP) {
        sb.append(">\n      <skipped message=\"")
            .append(xml(o.waiver() != null ? o.waiver() : o.message()))
            .append("\"/>\n    </testcase>\n");
      } else if (o.status() == Status.WARN) {
        sb.append(">\n      <system-out>")
            .append(xml("warning: " + details))
            .append("</system-out>\n    </testcase>\n");
      } else {
        sb.append("/>\n");
      }
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  private static boolean failing(PreflightReport report, CheckOutcome o) {
    return o.status() == Status.FAIL || (report.strict() && o.status() == Status.WARN);
  }

  private static String details(CheckOutcome o) {
    StringBuilder sb = new StringBuilder(o.message());
    for (Finding f : o.findings()) {
      sb.append('\n').append(f.status().label()).append(": ").append(f.describe());
    }
    if (o.waiver() != null) {
      sb.append('\n').append(o.waiver());
    }
    return sb.toString();
  }

  private static String github(PreflightReport report, Path base) {
    StringBuilder sb = new StringBuilder();
    for (CheckOutcome o : report.outcomes()) {
      if (o.status() != Status.FAIL && o.status() != Status.WARN) {
        continue;
      }
      String level = o.status() == Status.FAIL ? "error" : "warning";
      if (o.findings().isEmpty()) {
        annotate(
            sb,
            level,
            base.relativize(o.spec().file()).toString(),
            o.spec().line(),
            o.spec().id(),
            o.message(),
            null);
      }
      for (Finding f : o.findings()) {
        String fLevel =
            f.status() == Status.FAIL && o.status() == Status.FAIL ? "error" : "warning";
        annotate(
            sb,
            fLevel,
            f.file() == null ? base.relativize(o.spec().file()).toString() : f.file().toString(),
            f.file() == null ? o.spec().line() : Math.max(1, f.line()),
            o.spec().id(),
            f.message(),
            f.fix());
      }
    }
    sb.append(report.summary())
        .append(": ")
        .append(report.failed() ? "FAILED" : "passed")
        .append('\n');
    return sb.toString();
  }

  private static void annotate(
      StringBuilder sb,
      String level,
      String file,
      int line,
      String id,
      String message,
      String fix) {
    sb.append("::")
        .append(level)
        .append(" file=")
        .append(property(file))
        .append(",line=")
        .append(line)
        .append(",title=")
        .append(property("preflight " + id))
        .append("::")
        .append(data(message + (fix == null ? "" : "\nFix: " + fix)))
        .append('\n');
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  private static String xml(String s) {
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
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append('?');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
