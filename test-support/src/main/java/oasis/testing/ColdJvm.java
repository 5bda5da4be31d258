package oasis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a fresh JVM on this JVM's class path, logging every class it loads: for tests
 * that a path of a cold command stays off a heavy library. Output (stdout and stderr) goes to a
 * file in the given directory.
 */
public final class ColdJvm {

  private final Process process;
  private final Path log;
  private final Path out;

  private ColdJvm(Process process, Path log, Path out) {
    this.process = process;
    this.log = log;
    this.out = out;
  }

  /** Starts {@code mainClass} with {@code args}; its class log and output go under {@code dir}. */
  public static ColdJvm start(Path dir, String mainClass, String... args) {
    Path log = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      return new ColdJvm(p, log, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  public Process process() {
    return process;
  }

  /** Whether it exited within {@code bound} (a bound, not a wait: it returns on exit). */
  public boolean exited(Duration bound) throws InterruptedException {
    return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What it printed. */
  public String output() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** The names of the classes it loaded, in order. */
  public List<String> loadedClasses() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("[class,load]"))
        .map(l -> l.replaceFirst(".*\\] ", "").replaceFirst(" source:.*", ""))
        .toList();
  }
}
