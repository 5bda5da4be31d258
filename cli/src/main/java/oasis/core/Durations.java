package oasis.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as users write them: {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Sleeps {@code millis} between two polls; an interrupt (Ctrl-C) ends the command as a failure,
   * with the thread's interrupt status kept.
   */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }

  public static Duration parse(String text) {
    String s = text == null ? "" : text.strip().toLowerCase();
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase());
      } catch (RuntimeException e) {
        throw bad(text);
      }
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw bad(text);
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw bad(text);
    }
    if (total.isZero()) {
      throw OasisException.badInput(
          "duration '" + text + "' must be > 0", "Give a positive duration such as 30s or 2m.");
    }
    return total;
  }

  private static OasisException bad(String text) {
    return OasisException.badInput(
        "malformed duration '" + text + "'", "Write it like 90s, 2m, 1m30s or 500ms.");
  }

  /** {@code 2.4 s}: how progress lines show elapsed time. */
  public static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
