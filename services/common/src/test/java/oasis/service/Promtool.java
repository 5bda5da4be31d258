package oasis.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Prometheus's own {@code promtool}, to check the text format the kit serves. */
final class Promtool {
  private Promtool() {}

  record Result(int exitCode, String output) {}

  static Result checkMetrics(String text) throws IOException, InterruptedException {
    String binary =
        Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool")
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "promtool is not installed: apt-get install --no-install-recommends"
                            + " prometheus (.ci/run installs it)"));
    Process process =
        new ProcessBuilder(binary, "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish within 30 s");
    }
    return new Result(process.exitValue(), output);
  }
}
