package oasis.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service main (one built on the service kit) in its own JVM from the test classpath, on free
 * ports, started once {@code /readyz} answers 200:
 *
 * <pre>{@code
 * ServiceProcess normalizer =
 *     ServiceProcess.builder("oasis.normalizer.DataNormalizerMain", "NORMALIZER")
 *         .env("KAFKA_BROKERS", kafka.bootstrapServers())
 *         .start();
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Builder spec;
  private final Path workDir;
  private ChildProcess child;

  private ServiceProcess(Builder spec) {
    this.spec = spec;
    this.workDir = TempDirs.create("oasis-service-it-");
  }

  /** A service whose ports are {@code <portPrefix>_METRICS_PORT} and {@code _GRPC_PORT}. */
  public static Builder builder(String mainClass, String portPrefix) {
    return new Builder(mainClass, portPrefix);
  }

  private void launch() {
    ProcessBuilder command =
        new ProcessBuilder(
                JavaProcesses.javaBinary(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                JavaProcesses.testClasspath(),
                spec.mainClass)
            .directory(workDir.toFile());
    command.environment().putAll(spec.env);
    command.environment().put(spec.prefix + "_METRICS_PORT", String.valueOf(spec.metricsPort));
    command.environment().put(spec.prefix + "_GRPC_PORT", String.valueOf(spec.grpcPort));
    String name = spec.mainClass.substring(spec.mainClass.lastIndexOf('.') + 1);
    child = ChildProcess.start(name, command, workDir.resolve("service.log"));
    awaitReady();
  }

  private void awaitReady() {
    URI readyz = URI.create("http://127.0.0.1:" + spec.metricsPort + "/readyz");
    long deadline = System.nanoTime() + spec.readyTimeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        throw new IllegalStateException(
            spec.mainClass
                + " exited with code "
                + child.process().exitValue()
                + " before it was ready; log "
                + logFile()
                + ":\n"
                + child.tail());
      }
      try {
        HttpResponse<String> response = get(readyz);
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body().strip();
      } catch (IOException e) {
        last = e.toString();
      }
      child.waitFor(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        spec.mainClass
            + " not ready on 127.0.0.1:"
            + spec.metricsPort
            + " within "
            + spec.readyTimeout.toMillis()
            + " ms (last: "
            + last
            + "); log "
            + logFile()
            + ":\n"
            + child.tail());
  }

  private static HttpResponse<String> get(URI uri) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The body of {@code GET /metrics}. */
  public String metrics() throws IOException {
    return get(URI.create("http://127.0.0.1:" + spec.metricsPort + "/metrics")).body();
  }

  /** The HTTP port of {@code /metrics}, {@code /healthz}, {@code /readyz}. */
  public int metricsPort() {
    return spec.metricsPort;
  }

  /** The gRPC port. */
  public int grpcPort() {
    return spec.grpcPort;
  }

  /** The service's combined stdout and stderr. */
  public Path logFile() {
    return child.logFile();
  }

  /** The process. */
  public Process process() {
    return child.process();
  }

  /** SIGTERM, waiting up to {@code timeout}; returns the exit code. */
  public int stop(Duration timeout) {
    return child.stop(timeout);
  }

  /** SIGKILL, as a crash would. */
  public void kill() {
    child.kill();
  }

  /** Starts the service again on the same ports and working directory. */
  public ServiceProcess restart() {
    if (child.process().isAlive()) {
      stop(Duration.ofSeconds(15));
    }
    launch();
    return this;
  }

  /** Stops the service if running and deletes its working directory. */
  @Override
  public void close() {
    try {
      if (child != null && child.process().isAlive()) {
        stop(Duration.ofSeconds(15));
      }
    } finally {
      TempDirs.delete(workDir);
    }
  }

  /** Main class, environment and timeouts of a service to start. */
  public static final class Builder {
    private final String mainClass;
    private final String prefix;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final int metricsPort;
    private final int grpcPort;
    private Duration readyTimeout = Duration.ofSeconds(60);

    private Builder(String mainClass, String prefix) {
      this.mainClass = mainClass;
      this.prefix = prefix;
      List<Integer> ports = FreePorts.find(2);
      this.metricsPort = ports.get(0);
      this.grpcPort = ports.get(1);
    }

    /** An environment variable of the service. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** How long to wait for {@code /readyz} to answer 200 (60 s unless changed). */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts the service and waits until it is ready. */
    public ServiceProcess start() {
      ServiceProcess service = new ServiceProcess(this);
      try {
        service.launch();
        return service;
      } catch (RuntimeException e) {
        try {
          service.close();
        } catch (RuntimeException stop) {
          e.addSuppressed(stop); // why it did not start comes first
        }
        throw e;
      }
    }
  }
}
