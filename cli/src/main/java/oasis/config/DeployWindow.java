package oasis.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * When deploys to an environment may start: on these days, from {@code start} to {@code end}
 * ({@code HH:mm}, {@code 24:00} is the end of the day; an end before the start crosses midnight) in
 * {@code zone}.
 *
 * @param days {@code MON}..{@code SUN} (or full names); empty means every day
 * @param start opening time, {@code HH:mm}
 * @param end closing time, {@code HH:mm}
 * @param zone an IANA zone such as {@code Europe/London}; default UTC
 */
public record DeployWindow(List<String> days, String start, String end, String zone) {

  public DeployWindow {
    days = days == null ? List.of() : List.copyOf(days);
    zone = zone == null ? "UTC" : zone;
  }

  /** What is wrong with this window, one line each; empty when it is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (String day : days) {
      if (dayOf(day) == null) {
        problems.add("unknown day '" + day + "' (use MON, TUE, WED, THU, FRI, SAT, SUN)");
      }
    }
    for (String time : new String[] {start, end}) {
      if (minutes(time) < 0) {
        problems.add("time '" + time + "' is not HH:mm (00:00 to 24:00)");
      }
    }
    if (!knownRegion(zone)) {
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        problems.add(
            "unknown zone '" + zone + "' (" + e.getMessage() + "); use e.g. Europe/London");
      }
    }
    return problems;
  }

  /**
   * Whether {@code zone} is an IANA region such as {@code Europe/London}, answered from the JDK's
   * time-zone database through {@link TimeZone}. Every command validates oasis.yaml, and {@code
   * ZoneId.of} of a region first asks a service loader for rule providers, which opens each of the
   * CLI's hundred jars: a tenth of {@code oasis status}. Both read the same database; the ids that
   * only {@link TimeZone} knows are old three-letter ones without a slash, which {@link ZoneId#of}
   * decides.
   */
  static boolean knownRegion(String zone) {
    return zone.indexOf('/') > 0 && Regions.IDS.contains(zone);
  }

  /** The region ids of the JDK's time-zone database, read once. */
  private static final class Regions {
    static final java.util.Set<String> IDS =
        java.util.Set.copyOf(java.util.Arrays.asList(TimeZone.getAvailableIDs()));
  }

  /** Whether {@code now} is inside the window; call only when {@link #problems()} is empty. */
  public boolean contains(Instant now) {
    ZonedDateTime local = now.atZone(ZoneId.of(zone));
    int minute = local.getHour() * 60 + local.getMinute();
    int from = minutes(start);
    int to = minutes(end);
    if (from <= to) {
      return allows(local.getDayOfWeek()) && minute >= from && minute < to;
    }
    // Crosses midnight: the part after midnight belongs to the previous day's window.
    return (allows(local.getDayOfWeek()) && minute >= from)
        || (allows(local.getDayOfWeek().minus(1)) && minute < to);
  }

  /** {@code MON-FRI 08:00-16:00 Europe/London}. */
  public String describe() {
    return (days.isEmpty() ? "every day" : String.join(",", days))
        + " "
        + start
        + "-"
        + end
        + " "
        + zone;
  }

  private boolean allows(DayOfWeek day) {
    return days.isEmpty() || days.stream().anyMatch(d -> dayOf(d) == day);
  }

  private static DayOfWeek dayOf(String day) {
    if (day == null) {
      return null;
    }
    String d = day.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek candidate : DayOfWeek.values()) {
      if (candidate.name().equals(d) || candidate.name().substring(0, 3).equals(d)) {
        return candidate;
      }
    }
    return null;
  }

  private static int minutes(String time) {
    if (time == null) {
      return -1;
    }
    if (time.equals("24:00")) {
      return 24 * 60;
    }
    try {
      LocalTime t = LocalTime.parse(time);
      return t.getHour() * 60 + t.getMinute();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
