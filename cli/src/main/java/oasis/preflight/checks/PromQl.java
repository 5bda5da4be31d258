package oasis.preflight.checks;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found lexically: strings, label matchers, ranges,
 * grouping clauses and Grafana variables are dropped, then every identifier that is not a function
 * call, keyword or number is a metric name.
 */
final class PromQl {

  private static final Pattern STRINGS =
      Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
  private static final Pattern GRAFANA = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENT = Pattern.compile("(?<![\\w.:])([A-Za-z_:][A-Za-z0-9_:]*)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "and",
          "or",
          "unless",
          "atan2",
          "inf",
          "nan",
          "Inf",
          "NaN",
          "start",
          "end");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String s = STRINGS.matcher(expr).replaceAll(" ");
    s = GRAFANA.matcher(s).replaceAll(" ");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGES.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String name = m.group(1);
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean call = next < s.length() && s.charAt(next) == '(';
      boolean hex = name.startsWith("x") && m.start() > 0 && s.charAt(m.start() - 1) == '0';
      if (!call && !hex && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
