package oasis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceProcess starts a kit service as a JVM, waits for readiness, stops it by SIGTERM. */
class ServiceProcessIT {

  @Test
  void startsOnceReadyAndStopsWithExitCodeZero(@TempDir Path dir) throws Exception {
    Path flag = Files.createFile(dir.resolve("ready"));

    try (ServiceProcess sample =
        ServiceProcess.builder(SampleMain.class.getName(), "SAMPLE")
            .env("SAMPLE_READY_FILE", flag.toString())
            .env("OASIS_VERSION", "3.1.0")
            .start()) {
      assertThat(sample.metrics())
          .contains("oasis_service_ready{track=\"stable\",version=\"3.1.0\"} 1.0");

      assertThat(sample.stop(Duration.ofSeconds(10))).isZero();
    }
  }

  @Test
  void failsFastWithTheLogWhenTheServiceExits() {
    assertThatThrownBy(
            () ->
                ServiceProcess.builder(SampleMain.class.getName(), "SAMPLE")
                    .readyTimeout(Duration.ofSeconds(30))
                    .start())
        .hasMessageContaining("exited with code 2")
        .hasMessageContaining("SAMPLE_READY_FILE is required");
  }

  @Test
  void reportsHostPortAndReasonWhenNeverReady(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ServiceProcess.builder(SampleMain.class.getName(), "SAMPLE")
                    .env("SAMPLE_READY_FILE", dir.resolve("never").toString())
                    // long enough for the JVM to start and say why it is not ready, even on a
                    // loaded machine (at load 28 it took 4 s and the last answer was "starting";
                    // at load 14, beside compilation, it was not listening after 12 s)
                    .readyTimeout(Duration.ofSeconds(30))
                    .start())
        .hasMessageContaining("not ready on 127.0.0.1:")
        .hasMessageContaining("503 flag file: not ready");
  }
}
