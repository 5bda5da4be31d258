package oasis.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's {@code redis-server} on a free loopback port with append-only persistence in a temporary
 * directory; {@link #restart()} keeps the data.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final String binary;
  private final int port;
  private final Path workDir;
  private ChildProcess child;

  private RedisServerProcess(String binary, int port) {
    this.binary = binary;
    this.port = port;
    this.workDir = TempDirs.create("oasis-redis-it-");
  }

  /** Starts a redis-server and waits until it answers PING. */
  public static RedisServerProcess start() {
    String binary =
        findBinary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "redis-server is not installed (not on PATH nor in /usr/bin, /usr/sbin):"
                            + " apt-get install redis-server"));
    RedisServerProcess redis = new RedisServerProcess(binary, FreePorts.find());
    try {
      redis.launch();
      return redis;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  static Optional<String> findBinary() {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
    return dirs.stream()
        .map(dir -> Path.of(dir, "redis-server"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }

  private void launch() {
    ProcessBuilder command =
        new ProcessBuilder(
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                workDir.toString(),
                "--daemonize",
                "no")
            .directory(workDir.toFile());
    child = ChildProcess.start("redis-server", command, workDir.resolve("redis.log"));
    awaitPong();
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        throw new IllegalStateException(
            "redis-server for 127.0.0.1:"
                + port
                + " exited with code "
                + child.process().exitValue()
                + ":\n"
                + child.tail());
      }
      try {
        if (ping()) {
          return;
        }
        last = "no PONG";
      } catch (IOException e) {
        last = e.toString();
      }
      child.waitFor(Duration.ofMillis(20));
    }
    throw new IllegalStateException(
        "redis-server on 127.0.0.1:"
            + port
            + " did not answer PING within "
            + READY_TIMEOUT.toMillis()
            + " ms ("
            + last
            + "):\n"
            + child.tail());
  }

  private boolean ping() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    }
  }

  /** 127.0.0.1. */
  public String host() {
    return "127.0.0.1";
  }

  /** The port redis listens on. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}, the form of {@code REDIS_URL}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The server process. */
  public Process process() {
    return child.process();
  }

  /** SIGTERM (redis saves its append-only file and exits); returns the exit code. */
  public int stop() {
    return child.stop(Duration.ofSeconds(10));
  }

  /** SIGKILL, as a crash would. */
  public void kill() {
    child.kill();
  }

  /** Starts redis again on the same port and data directory. */
  public RedisServerProcess restart() {
    if (child.process().isAlive()) {
      stop();
    }
    launch();
    return this;
  }

  /** Stops redis if running and deletes its data. */
  @Override
  public void close() {
    try {
      if (child != null && child.process().isAlive()) {
        stop();
      }
    } finally {
      TempDirs.delete(workDir);
    }
  }
}
