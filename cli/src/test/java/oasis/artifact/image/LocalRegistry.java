package oasis.artifact.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real image registry on loopback: Debian's {@code docker-registry} (distribution 2.8), storing
 * under a test's directory. The Docker engine pushes to {@code 127.0.0.1:<port>} without TLS (it
 * trusts 127.0.0.0/8). Missing, it skips a test off CI and fails it on CI, which installs it.
 */
public final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts one storing under {@code dir} and returns once it answers {@code /v2/}. */
  public static LocalRegistry start(Path dir) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String reason = "no " + BINARY + " (apt-get install docker-registry)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(reason + ": CI must run the registry tests (see .ci/run)");
      }
      System.out.println("SKIPPED: " + reason);
      Assumptions.assumeTrue(false, reason);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir);
    Path config = dir.resolve("registry.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log: {level: warn}
        storage:
          filesystem: {rootdirectory: %s}
        http:
          addr: 127.0.0.1:%d
        """
            .formatted(dir.resolve("data"), port));
    Path log = dir.resolve("registry.log");
    Process p =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(p, port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (registry.status("/v2/") != 200) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        registry.close();
        throw new IllegalStateException(
            "docker-registry did not answer on port " + port + ": " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return registry;
  }

  /** {@code 127.0.0.1:<port>}: the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * The digest of the manifest the registry serves for {@code repository} (without the address) and
   * {@code reference} (a tag or a digest), or null when it has none.
   */
  public String manifestDigest(String repository, String reference) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://" + address() + "/v2/" + repository + "/manifests/" + reference))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header(
                    "Accept",
                    "application/vnd.docker.distribution.manifest.v2+json,"
                        + " application/vnd.oci.image.manifest.v1+json")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200
        ? r.headers().firstValue("Docker-Content-Digest").orElse(null)
        : null;
  }

  private int status(String path) throws InterruptedException {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://" + address() + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** What the registry logged: for a failing test's message. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
