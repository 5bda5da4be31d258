package oasis.preflight.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The declarations of a {@code .proto} file as its text states them, enough to tell whether a built
 * descriptor set came from this text: types, RPCs, and every {@code name = number}.
 */
final class ProtoSource {

  private static final Pattern DECLARATION =
      Pattern.compile(
          "\\b(?:(message|enum|service)\\s+([A-Za-z_]\\w*)"
              + "|rpc\\s+([A-Za-z_]\\w*)"
              + "|package\\s+([A-Za-z_][\\w.]*)\\s*;"
              + "|([A-Za-z_]\\w*)\\s*=\\s*(-?(?:0x[0-9A-Fa-f]+|\\d+))\\s*[;\\[])");

  private ProtoSource() {}

  /**
   * Declaration key ({@code message Foo}, {@code rpc Bar}, {@code field x = 3}) to the lines where
   * it occurs.
   */
  static Map<String, List<Integer>> declarations(String text) {
    String code = stripComments(text);
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    Matcher m = DECLARATION.matcher(code);
    while (m.find()) {
      String key;
      if (m.group(1) != null) {
        key = m.group(1) + " " + m.group(2);
      } else if (m.group(3) != null) {
        key = "rpc " + m.group(3);
      } else if (m.group(4) != null) {
        key = "package " + m.group(4);
      } else {
        key = "field " + m.group(5) + " = " + Long.decode(m.group(6));
      }
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(lineOf(code, m.start()));
    }
    return out;
  }

  /** Comments become spaces (newlines kept), strings stay: offsets and lines do not move. */
  static String stripComments(String text) {
    StringBuilder sb = new StringBuilder(text);
    int i = 0;
    while (i < sb.length()) {
      char c = sb.charAt(i);
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < sb.length() && sb.charAt(j) != c && sb.charAt(j) != '\n') {
          j += sb.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
      } else if (c == '/' && i + 1 < sb.length() && sb.charAt(i + 1) == '/') {
        while (i < sb.length() && sb.charAt(i) != '\n') {
          sb.setCharAt(i++, ' ');
        }
      } else if (c == '/' && i + 1 < sb.length() && sb.charAt(i + 1) == '*') {
        while (i < sb.length()
            && !(sb.charAt(i) == '*' && i + 1 < sb.length() && sb.charAt(i + 1) == '/')) {
          if (sb.charAt(i) != '\n') {
            sb.setCharAt(i, ' ');
          }
          i++;
        }
        if (i < sb.length()) {
          sb.setCharAt(i++, ' ');
          sb.setCharAt(i++, ' ');
        }
      } else {
        i++;
      }
    }
    return sb.toString();
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
