package oasis.analysis;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One label matcher as PromQL writes it ({@code =}, {@code !=}, {@code =~}, {@code !~}): applied to
 * scraped samples directly, or sent to a Prometheus server as a selector.
 */
public record LabelMatcher(String label, String op, String value) {

  private static final java.util.Set<String> OPS = java.util.Set.of("=", "!=", "=~", "!~");

  public LabelMatcher {
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException("unknown matcher operator '" + op + "'");
    }
  }

  public static LabelMatcher eq(String label, String value) {
    return new LabelMatcher(label, "=", value);
  }

  public static LabelMatcher matches(String label, String regex) {
    return new LabelMatcher(label, "=~", regex);
  }

  public static LabelMatcher notMatches(String label, String regex) {
    return new LabelMatcher(label, "!~", regex);
  }

  /** Whether a sample's labels satisfy this matcher (a missing label is the empty string). */
  public boolean test(Map<String, String> labels) {
    String actual = labels.getOrDefault(label, "");
    return switch (op) {
      case "=" -> actual.equals(value);
      case "!=" -> !actual.equals(value);
      case "=~" -> Pattern.compile(value).matcher(actual).matches();
      default -> !Pattern.compile(value).matcher(actual).matches();
    };
  }

  /** {@code label=~"value"} with the value escaped for PromQL. */
  public String promQl() {
    return label + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
