package oasis.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.core.OasisException;

/**
 * Reads an environment's {@code .env} file: {@code KEY=VALUE} lines, {@code export} allowed, {@code
 * #} comments, as Docker Compose reads them. Deploy, export, secret files and preflight all read
 * values through {@link #value}, so a line means the same to each.
 */
public final class EnvFile {

  private EnvFile() {}

  /**
   * The variables of {@code file}, or none when it does not exist (only examples are committed).
   */
  public static Map<String, String> read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OasisException.badInput(
          "cannot read " + file + ": " + e.getMessage(), "Check its permissions.");
    }
    return parse(lines, file.toString());
  }

  /**
   * The variables of {@code .env} lines; {@code where} names their source in errors (a file, or a
   * secret reference: errors never quote a line, which may hold a secret).
   */
  public static Map<String, String> parse(List<String> lines, String where) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || !line.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw OasisException.badInput(
            where + ":" + (i + 1) + ": not a KEY=VALUE line", "Write one VARIABLE=value per line.");
      }
      String value = value(line.substring(eq + 1));
      vars.put(line.substring(0, eq).strip(), value);
    }
    return vars;
  }

  /**
   * A value as written after {@code =}: inside its quotes when quoted (escapes in double quotes are
   * kept as written; what follows the closing quote, a comment, is dropped); else up to an inline
   * comment, a {@code #} after whitespace ({@code a#b} keeps its {@code #}).
   */
  public static String value(String raw) {
    String v = raw.strip();
    if (v.startsWith("\"") || v.startsWith("'")) {
      char quote = v.charAt(0);
      for (int i = 1; i < v.length(); i++) {
        if (v.charAt(i) == '\\' && quote == '"') {
          i++; // an escaped character, kept as written
        } else if (v.charAt(i) == quote) {
          return v.substring(1, i);
        }
      }
      return v; // no closing quote: the text as it stands
    }
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return v;
  }
}
