package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import oasis.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;

/** The normalizer's main as a process: a bad value stops it at start with one line and code 2. */
class DataNormalizerMainIT {

  @Test
  void brokersWithoutAPortStopItAtStart() {
    assertThatThrownBy(
            () ->
                ServiceProcess.builder(DataNormalizerMain.class.getName(), "NORMALIZER")
                    .env("KAFKA_BROKERS", "kafka")
                    .readyTimeout(Duration.ofSeconds(30))
                    .start())
        .hasMessageContaining("exited with code 2")
        .hasMessageContaining(
            "data-normalizer: configuration error: KAFKA_BROKERS=\"kafka\" is not allowed");
  }
}
