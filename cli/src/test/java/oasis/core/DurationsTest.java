package oasis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesTheUsualForms() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void rejectsGarbageAsBadInput() {
    for (String bad : new String[] {"", "5", "s", "5x", "1m x"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(OasisException.class)
          .hasMessageContaining("malformed duration");
    }
  }

  @Test
  void aWellFormedZeroIsRefusedForWhatItIsNotForItsForm() {
    assertThatThrownBy(() -> Durations.parse("0s"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("must be > 0")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("malformed"));
  }
}
