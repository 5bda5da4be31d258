package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service main run as its own JVM: exit codes, SIGTERM, the .env file. */
class ServiceProcessIT {

  @Test
  void sigtermStopsGracefullyWithExitCodeZero(@TempDir Path dir) throws Exception {
    int metricsPort = freePort();
    Process process =
        start(
            dir,
            Map.of("SAMPLE_METRICS_PORT", "" + metricsPort, "SAMPLE_GRPC_PORT", "" + freePort()));
    awaitReady(process, metricsPort);

    long start = System.nanoTime();
    process.destroy();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(Files.readString(dir.resolve("out.log"))).contains("sample flushed");
  }

  @Test
  void stopsGracefullyWhenTheProcessItWatchesIsGone(@TempDir Path dir) throws Exception {
    Process watched = new ProcessBuilder("sleep", "600").start();
    int metricsPort = freePort();
    Process process =
        start(
            dir,
            Map.of(
                "SAMPLE_METRICS_PORT",
                "" + metricsPort,
                "SAMPLE_GRPC_PORT",
                "" + freePort(),
                ParentWatch.VARIABLE,
                "" + watched.pid()));
    awaitReady(process, metricsPort);
    assertThat(process.isAlive()).isTrue();

    watched.destroyForcibly();

    assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped after its parent").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("out.log"))).contains("sample flushed");
  }

  @Test
  void badValueInDotEnvStopsAtStartWithOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "SAMPLE_METRICS_PORT=abc\n");

    Process process = start(dir, Map.of());

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("err.log")))
        .isEqualTo(
            "sample: configuration error: SAMPLE_METRICS_PORT=\"abc\" is not allowed: expected an"
                + " integer from 0 to 65535\n");
  }

  @Test
  void unknownModeStopsAtStartWithOneLine(@TempDir Path dir) throws Exception {
    Process process = start(dir, Map.of("SAMPLE_MODE", "live"));

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readAllLines(dir.resolve("err.log"), StandardCharsets.UTF_8))
        .containsExactly(
            "sample: configuration error: SAMPLE_MODE=\"live\" is not allowed: expected one of"
                + " paper|real");
  }

  private static Process start(Path dir, Map<String, String> env) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                SampleServiceMain.class.getName())
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.log").toFile())
            .redirectError(dir.resolve("err.log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void awaitReady(Process process, int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(1))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("service process alive").isTrue();
      try {
        int status = http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
        if (status == 200) {
          return;
        }
        last = "status " + status;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "service not ready on 127.0.0.1:" + port + " within 30 s (last: " + last + ")");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
