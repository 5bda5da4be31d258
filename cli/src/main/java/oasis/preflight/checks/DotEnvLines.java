package oasis.preflight.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file: {@code NAME=value} lines ({@code export} and quotes allowed). A commented
 * assignment ({@code # NAME=value}) declares a variable without setting it.
 */
record DotEnvLines(Path file, Map<String, Entry> entries) {

  private static final Pattern ASSIGNMENT =
      Pattern.compile("^\\s*(#\\s*)?(?:export\\s+)?([A-Z][A-Z0-9_]*)\\s*=(.*)$");

  /** One assignment: its value (unquoted), line, and whether it is commented out. */
  record Entry(String name, String value, int line, boolean commented) {}

  static DotEnvLines read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ASSIGNMENT.matcher(lines.get(i));
      if (m.matches()) {
        boolean commented = m.group(1) != null;
        Entry entry = new Entry(m.group(2), unquote(m.group(3).strip()), i + 1, commented);
        Entry before = entries.get(entry.name());
        if (before == null || (before.commented() && !commented)) {
          entries.put(entry.name(), entry);
        }
      }
    }
    return new DotEnvLines(file, entries);
  }

  /** The value set (not commented out), or null. */
  Entry set(String name) {
    Entry e = entries.get(name);
    return e == null || e.commented() ? null : e;
  }

  private static String unquote(String value) {
    return oasis.config.EnvFile.value(value);
  }
}
