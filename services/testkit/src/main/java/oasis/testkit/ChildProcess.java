package oasis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oasis.service.ParentWatch;

/** A child process whose output goes to a log file, with bounded waits and stops. */
final class ChildProcess {
  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static ChildProcess start(String name, ProcessBuilder builder, Path logFile) {
    builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
    // A test JVM killed mid-run (Ctrl-C twice, a CI time-out) leaves no broker or service behind.
    builder
        .environment()
        .putIfAbsent(ParentWatch.VARIABLE, String.valueOf(ProcessHandle.current().pid()));
    try {
      return new ChildProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + builder.command(), e);
    }
  }

  Process process() {
    return process;
  }

  Path logFile() {
    return logFile;
  }

  /** Waits until the log has a line starting with {@code prefix}; fails with the log's tail. */
  String awaitLine(String prefix, Duration timeout, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : lines()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " for "
                + where
                + " exited with code "
                + process.exitValue()
                + " before it was ready; log "
                + logFile
                + ":\n"
                + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + " on "
                + where
                + " not ready within "
                + timeout.toMillis()
                + " ms; log "
                + logFile
                + ":\n"
                + tail());
      }
      pause(50);
    }
  }

  /** SIGTERM, then SIGKILL if still running after {@code timeout}; returns the exit code. */
  int stop(Duration timeout) {
    process.destroy();
    if (!waitFor(timeout)) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
      throw new IllegalStateException(
          name
              + " did not stop within "
              + timeout.toMillis()
              + " ms of SIGTERM and was killed;"
              + " log "
              + logFile
              + ":\n"
              + tail());
    }
    return process.exitValue();
  }

  /** SIGKILL, as a crash would. */
  void kill() {
    process.destroyForcibly();
    if (!waitFor(Duration.ofSeconds(10))) {
      throw new IllegalStateException(name + " survived SIGKILL for 10 s");
    }
  }

  boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  String tail() {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
