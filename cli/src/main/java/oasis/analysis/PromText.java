package oasis.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4): comment lines are skipped, label
 * values unescaped, {@code NaN}/{@code +Inf}/{@code -Inf} read, timestamps ignored. A malformed
 * line fails with its line number: a half-read scrape must not judge a canary.
 */
public final class PromText {

  private PromText() {}

  public static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(line(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": " + e.getMessage() + ": " + abbreviate(line), e);
      }
    }
    return out;
  }

  private static Sample line(String line) {
    int pos = 0;
    while (pos < line.length() && nameChar(line.charAt(pos), pos == 0)) {
      pos++;
    }
    if (pos == 0) {
      throw new IllegalArgumentException("no metric name");
    }
    String name = line.substring(0, pos);
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos = labels(line, pos + 1, labels);
    }
    String rest = line.substring(pos).strip();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("no value");
    }
    String[] parts = rest.split("\\s+");
    if (parts.length > 2) {
      throw new IllegalArgumentException("more than a value and a timestamp");
    }
    return new Sample(name, labels, value(parts[0]));
  }

  /** Reads {@code a="x",b="y"}} from {@code pos}; returns the position after the brace. */
  private static int labels(String line, int pos, Map<String, String> into) {
    while (true) {
      pos = skipSpaces(line, pos);
      if (pos >= line.length()) {
        throw new IllegalArgumentException("unterminated label set");
      }
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      int start = pos;
      while (pos < line.length() && nameChar(line.charAt(pos), pos == start)) {
        pos++;
      }
      String label = line.substring(start, pos);
      pos = skipSpaces(line, pos);
      if (label.isEmpty() || pos >= line.length() || line.charAt(pos) != '=') {
        throw new IllegalArgumentException("expected label=\"value\" at column " + (pos + 1));
      }
      pos = skipSpaces(line, pos + 1);
      if (pos >= line.length() || line.charAt(pos) != '"') {
        throw new IllegalArgumentException("label value of '" + label + "' is not quoted");
      }
      StringBuilder value = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= line.length()) {
          throw new IllegalArgumentException("unterminated value of label '" + label + "'");
        }
        char c = line.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && pos < line.length()) {
          char e = line.charAt(pos++);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
      }
      into.put(label, value.toString());
      pos = skipSpaces(line, pos);
      if (pos < line.length() && line.charAt(pos) == ',') {
        pos++;
      }
    }
  }

  /** A sample value: a decimal number, {@code NaN}, {@code +Inf} or {@code -Inf}. */
  public static double value(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static int skipSpaces(String s, int pos) {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
    return pos;
  }

  private static boolean nameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }

  private static String abbreviate(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }
}
