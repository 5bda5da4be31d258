package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class LocalZoneTest {

  @Test
  void utcAndItsAliasesAreTheOffsetOtherZonesTheirRegion() {
    for (String id : new String[] {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu", "Universal"}) {
      assertThat(LocalZone.of(TimeZone.getTimeZone(id))).as(id).isEqualTo(ZoneOffset.UTC);
    }
    assertThat(LocalZone.of(TimeZone.getTimeZone("Europe/London")))
        .isEqualTo(ZoneId.of("Europe/London"));
    assertThat(LocalZone.of(TimeZone.getTimeZone("Etc/GMT+5"))).isEqualTo(ZoneId.of("Etc/GMT+5"));
  }

  @Test
  void theOffsetShowsTheSameTimesAsTheRegion() {
    Instant at = Instant.parse("2026-07-01T12:34:56Z");
    assertThat(at.atZone(LocalZone.of(TimeZone.getTimeZone("Etc/UTC"))).toLocalDateTime())
        .isEqualTo(at.atZone(ZoneId.of("Etc/UTC")).toLocalDateTime());
  }
}
