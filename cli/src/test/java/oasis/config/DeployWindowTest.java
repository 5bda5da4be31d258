package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployWindowTest {

  @Test
  void weekdayWindowInItsOwnZone() {
    DeployWindow w =
        new DeployWindow(List.of("MON", "TUE", "WED", "THU"), "08:00", "16:00", "Europe/London");
    assertThat(w.problems()).isEmpty();
    assertThat(w.contains(Instant.parse("2026-11-30T08:00:00Z")))
        .as("Monday 08:00 London")
        .isTrue();
    assertThat(w.contains(Instant.parse("2026-11-30T16:00:00Z")))
        .as("the end is exclusive")
        .isFalse();
    assertThat(w.contains(Instant.parse("2026-07-06T07:30:00Z"))).as("Monday 08:30 BST").isTrue();
    assertThat(w.contains(Instant.parse("2026-12-04T10:00:00Z"))).as("Friday").isFalse();
  }

  @Test
  void windowAcrossMidnightBelongsToTheDayItOpens() {
    DeployWindow w = new DeployWindow(List.of("FRIDAY"), "22:00", "02:00", null);
    assertThat(w.contains(Instant.parse("2026-12-04T23:00:00Z"))).as("Friday 23:00").isTrue();
    assertThat(w.contains(Instant.parse("2026-12-05T01:59:00Z"))).as("Saturday 01:59").isTrue();
    assertThat(w.contains(Instant.parse("2026-12-05T23:00:00Z"))).as("Saturday 23:00").isFalse();
  }

  @Test
  void wholeDayAndBadValues() {
    assertThat(
            new DeployWindow(null, "00:00", "24:00", "UTC")
                .contains(Instant.parse("2026-12-05T23:59:00Z")))
        .isTrue();
    assertThat(new DeployWindow(List.of("FUNDAY"), "8am", "16:00", "Mars/Olympus").problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("unknown day 'FUNDAY'"))
        .anySatisfy(p -> assertThat(p).contains("'8am' is not HH:mm"))
        .anySatisfy(p -> assertThat(p).contains("unknown zone 'Mars/Olympus'"));
  }

  @Test
  void zonesAreJudgedAsZoneIdJudgesThem() {
    // the quick check of region ids must agree with ZoneId.of on every id the JDK knows of
    java.util.Set<String> ids = new java.util.TreeSet<>(java.time.ZoneId.getAvailableZoneIds());
    ids.addAll(List.of(java.util.TimeZone.getAvailableIDs()));
    ids.addAll(List.of("UTC", "GMT", "Z", "+02:00", "UTC+01:00", "europe/london", "Europe/"));
    for (String id : ids) {
      boolean valid;
      try {
        java.time.ZoneId.of(id);
        valid = true;
      } catch (java.time.DateTimeException e) {
        valid = false;
      }
      assertThat(new DeployWindow(null, "00:00", "24:00", id).problems().isEmpty())
          .as(id)
          .isEqualTo(valid);
    }
    assertThat(DeployWindow.knownRegion("Europe/London")).isTrue();
    assertThat(DeployWindow.knownRegion("EST"))
        .as("ZoneId.of decides ids without a slash")
        .isFalse();
  }

  @Test
  void badWindowInTheProjectFileExitsTwoNamingTheLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          a: {module: a, mainClass: A}
        environments:
          staging:
            target: local
            deployWindow: {start: "09:00", end: "17:00", zone: Nowhere/City}
        """);
    try {
      ProjectLoader.load(dir);
      throw new AssertionError("expected a ConfigException");
    } catch (ConfigException e) {
      assertThat(e.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.line()).isEqualTo(7))
          .satisfies(p -> assertThat(p.message()).contains("unknown zone 'Nowhere/City'"));
    }
  }
}
