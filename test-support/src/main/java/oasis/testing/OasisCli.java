package oasis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code cli/target/oasis-cli.jar}) run on one project as a separate process,
 * exactly as a user runs it: its own JVM, {@code --project-dir}, no colour, standard input closed.
 */
public final class OasisCli {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final Path jar;
  private final Path projectDir;
  private final Map<String, String> environment = new HashMap<>();

  public OasisCli(Path jar, Path projectDir) {
    this.jar = jar;
    this.projectDir = projectDir;
  }

  /** Variables every CLI process gets beyond this JVM's own (a CI secret behind ${env:...}). */
  public Map<String, String> environment() {
    return environment;
  }

  /** Starts the CLI; the caller drains its output and waits. */
  public Process start(String... args) throws IOException {
    // C1 only and the serial collector: what a short-lived CLI wants, as the launcher sets them
    List<String> cmd =
        new ArrayList<>(
            List.of(
                JAVA,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "--project-dir",
                projectDir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir.toFile());
    pb.environment().put("NO_COLOR", "1");
    pb.environment().putAll(environment);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  /**
   * Runs the CLI and waits at most {@code timeoutSeconds}. A run that does not finish is sent
   * SIGTERM (the CLI then releases the environment's lock) and fails with what it printed.
   */
  public CliResult run(long timeoutSeconds, String... args) throws Exception {
    long start = System.nanoTime();
    Process p = start(args);
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      throw new AssertionError(
          "oasis "
              + String.join(" ", args)
              + " did not finish within "
              + timeoutSeconds
              + " s; its output:\n"
              + out.completeOnTimeout("", 5, TimeUnit.SECONDS).join()
              + err.completeOnTimeout("", 5, TimeUnit.SECONDS).join());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new CliResult(
        p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS), millis);
  }

  /** Reads a stream to its end on a daemon thread, so a chatty process never blocks on a pipe. */
  public static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.complete("(unreadable: " + e + ")");
              }
            });
    t.setDaemon(true);
    t.start();
    return text;
  }

  /** Every live process whose command line names the project's directory: what it left running. */
  public List<ProcessHandle> processes() {
    String marker = projectDir.toString();
    return ProcessHandle.allProcesses()
        .filter(
            h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .toList();
  }
}
