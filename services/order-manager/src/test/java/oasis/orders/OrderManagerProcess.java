package oasis.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The order manager run as its own JVM process, as a target runs it; for ITs. */
final class OrderManagerProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("order-manager ready grpc=(\\d+) metrics=(\\d+).*");

  private final Process process;
  private final int grpcPort;
  private final int metricsPort;

  private OrderManagerProcess(Process process, int grpcPort, int metricsPort) {
    this.process = process;
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /** Starts {@code OrderManagerMain} with {@code env}; waits ≤ 30 s for its ready line. */
  static OrderManagerProcess start(Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            OrderManagerMain.class.getName());
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("stdout closed: " + e);
              }
            },
            "order-manager-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        Matcher m = READY.matcher(line);
        if (m.matches()) {
          return new OrderManagerProcess(
              process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
      }
      if (!process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "order manager not ready within 30 s (exit "
            + (process.isAlive() ? "none" : process.exitValue())
            + "); stderr: "
            + Files.readString(log));
  }

  int grpcPort() {
    return grpcPort;
  }

  int metricsPort() {
    return metricsPort;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("order manager survived SIGKILL for 10 s");
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
