package oasis.cli;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TimeZone;

/**
 * The zone times are shown in: the system's. UTC and its aliases (the zone of most servers and CI
 * machines) are answered as {@link ZoneOffset#UTC}, the same times: a region id such as {@code
 * Etc/UTC} makes the JDK load its time-zone rules providers, a service-loader search that opens
 * each of the CLI's hundred jars, a tenth of {@code oasis history}.
 */
final class LocalZone {

  private static final Set<String> UTC =
      Set.of(
          "UTC",
          "Etc/UTC",
          "UCT",
          "Etc/UCT",
          "GMT",
          "Etc/GMT",
          "GMT0",
          "Etc/GMT0",
          "Etc/GMT+0",
          "Etc/GMT-0",
          "Greenwich",
          "Etc/Greenwich",
          "Universal",
          "Etc/Universal",
          "Zulu",
          "Etc/Zulu");

  private LocalZone() {}

  /** The system's zone. */
  static ZoneId get() {
    return of(TimeZone.getDefault());
  }

  /** The zone of {@code tz}, UTC's aliases as the offset. */
  static ZoneId of(TimeZone tz) {
    return UTC.contains(tz.getID()) ? ZoneOffset.UTC : tz.toZoneId();
  }
}
