package oasis.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times for people: local {@code HH:MM:SS} (with the date when not today) and relative ages. */
public final class Times {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private Times() {}

  /** {@code 14:03:27} today, {@code 12-05 09:12} on another day, {@code -} for none. */
  public static String local(Instant at, Instant now, ZoneId zone) {
    if (at == null) {
      return "-";
    }
    boolean today = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    return (today ? CLOCK : DAY).format(at.atZone(zone));
  }

  /** {@code 42s}, {@code 3m05s}, {@code 2h10m}, {@code 4d}: compact, for narrow columns. */
  public static String span(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return (s / 86_400) + "d";
  }

  /** {@code 3m05s ago}. */
  public static String ago(Instant at, Instant now) {
    return at == null ? "-" : span(Duration.between(at, now)) + " ago";
  }
}
