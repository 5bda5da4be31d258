package oasis.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.core.OasisException;

/** Reads an environment's {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments. */
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
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      vars.put(line.substring(0, eq).strip(), value);
    }
    return vars;
  }
}
