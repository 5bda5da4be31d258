package oasis.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Kafka broker ({@code oasis.kafka.EmbeddedKafkaMain}) in its own JVM, started from the test
 * classpath on free loopback ports. One per test class:
 *
 * <pre>{@code
 * static KafkaBrokerProcess kafka;
 * @BeforeAll static void startKafka() { kafka = KafkaBrokerProcess.builder().topic("t", 3).start(); }
 * @AfterAll static void stopKafka() { kafka.close(); }
 * }</pre>
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private static final String MAIN = "oasis.kafka.EmbeddedKafkaMain";
  private static final String READY = "oasis-kafka ready bootstrap=";

  private final Builder spec;
  private final Path workDir;
  private ChildProcess child;
  private Duration timeToReady;

  private KafkaBrokerProcess(Builder spec) {
    this.spec = spec;
    this.workDir = TempDirs.create("oasis-kafka-it-");
  }

  /** A builder with no topics, free ports and a temporary log directory. */
  public static Builder builder() {
    return new Builder();
  }

  private void launch() {
    ProcessBuilder command =
        new ProcessBuilder(
                JavaProcesses.javaBinary(),
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                JavaProcesses.testClasspath(),
                MAIN)
            .directory(workDir.toFile());
    Map<String, String> env = command.environment();
    env.put("KAFKA_PORT", String.valueOf(spec.port));
    env.put("KAFKA_CONTROLLER_PORT", String.valueOf(spec.controllerPort));
    env.put("KAFKA_LOG_DIR", workDir.resolve("data").toString());
    env.put("KAFKA_TOPICS", topicsVariable());
    long start = System.nanoTime();
    child = ChildProcess.start("Kafka broker", command, workDir.resolve("broker.log"));
    child.awaitLine(READY, spec.readyTimeout, "127.0.0.1:" + spec.port);
    timeToReady = Duration.ofNanos(System.nanoTime() - start);
  }

  private String topicsVariable() {
    return spec.topics.entrySet().stream()
        .map(t -> t.getKey() + ":" + t.getValue())
        .collect(Collectors.joining(","));
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + spec.port;
  }

  /** The client port. */
  public int port() {
    return spec.port;
  }

  /** The broker's data directory, kept across {@link #restart()}. */
  public Path logDir() {
    return workDir.resolve("data");
  }

  /** The broker's combined stdout and stderr. */
  public Path logFile() {
    return child.logFile();
  }

  /** The broker process. */
  public Process process() {
    return child.process();
  }

  /** From process start to the ready line, for the last start. */
  public Duration timeToReady() {
    return timeToReady;
  }

  /** Sends SIGTERM and waits up to {@code timeout}; returns the exit code. */
  public int stop(Duration timeout) {
    return child.stop(timeout);
  }

  /** Kills the broker with SIGKILL, as a crash would. */
  public void kill() {
    child.kill();
  }

  /** Starts the broker again on the same ports and data directory (after stop or kill). */
  public KafkaBrokerProcess restart() {
    if (child.process().isAlive()) {
      stop(Duration.ofSeconds(20));
    }
    launch();
    return this;
  }

  /** Stops the broker if running and deletes its data. */
  @Override
  public void close() {
    try {
      if (child != null && child.process().isAlive()) {
        stop(Duration.ofSeconds(20));
      }
    } finally {
      TempDirs.delete(workDir);
    }
  }

  /** Topics, ports and timeouts of a broker to start. */
  public static final class Builder {
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private int port;
    private int controllerPort;
    private Duration readyTimeout = Duration.ofSeconds(60);

    private Builder() {
      List<Integer> ports = FreePorts.find(2);
      port = ports.get(0);
      controllerPort = ports.get(1);
    }

    /** A topic created at start with {@code partitions} partitions. */
    public Builder topic(String name, int partitions) {
      topics.put(name, partitions);
      return this;
    }

    /** A fixed client port instead of a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** How long to wait for the ready line (60 s unless changed). */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts the broker and waits for its ready line. */
    public KafkaBrokerProcess start() {
      KafkaBrokerProcess broker = new KafkaBrokerProcess(this);
      try {
        broker.launch();
        return broker;
      } catch (RuntimeException e) {
        try {
          broker.close();
        } catch (RuntimeException stop) {
          e.addSuppressed(stop); // why it did not start comes first
        }
        throw e;
      }
    }
  }
}
