package oasis.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-node KRaft broker (broker and controller in one process) on loopback. */
final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final BrokerSettings settings;
  private final Path logDir;
  private final boolean temporary;
  private KafkaRaftServer server;
  private boolean stopped;

  EmbeddedKafkaBroker(BrokerSettings settings) throws IOException {
    this.settings = settings;
    this.temporary = settings.logDir().isEmpty();
    this.logDir =
        temporary ? Files.createTempDirectory("oasis-kafka-") : settings.logDir().orElseThrow();
  }

  /** Formats the log directory unless it already holds a broker's data, then starts the broker. */
  void start() throws Exception {
    Files.createDirectories(logDir);
    format();
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties()), Time.SYSTEM);
    server.startup();
  }

  private void format() throws Exception {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      LOG.info("reusing the broker data in {}", logDir);
      return;
    }
    Formatter formatter = new Formatter();
    if (settings.security().isPresent()) {
      // The first SCRAM user can only be made here (the broker logs in as it to itself); the
      // others too, so no service that starts beside the broker meets an unknown user.
      formatter.setScramArguments(settings.security().get().formatArguments());
    }
    formatter
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .run();
  }

  private Properties properties() {
    // The controller only talks to this node itself: always on loopback.
    String controller = "127.0.0.1:" + settings.controllerPort();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + controller);
    // Secured, nothing listens in plaintext: on loopback a PLAINTEXT controller answers anyone.
    boolean secured = settings.security().isPresent();
    String client = secured ? "SASL_SSL" : "PLAINTEXT";
    String listeners =
        client
            + "://"
            + settings.listenHost()
            + ":"
            + settings.port()
            + ",CONTROLLER://"
            + controller;
    String advertised = client + "://" + settings.bootstrap();
    String protocols = client + ":" + client + ",CONTROLLER:" + (secured ? "SSL" : "PLAINTEXT");
    if (settings.external().isPresent()) {
      // clients outside the container's network (the CLI on the host) get the host's address
      BrokerSettings.External external = settings.external().get();
      listeners += ",EXTERNAL://" + settings.listenHost() + ":" + external.port();
      advertised += ",EXTERNAL://" + external.advertised();
      protocols += ",EXTERNAL:" + client;
      if (secured) {
        p.put(
            "listener.name.external.scram-sha-512.sasl.jaas.config",
            settings
                .security()
                .get()
                .brokerProperties()
                .get("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"));
      }
    }
    settings.security().ifPresent(s -> p.putAll(s.brokerProperties()));
    p.put("listeners", listeners);
    p.put("advertised.listeners", advertised);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listener.security.protocol.map", protocols);
    p.put("inter.broker.listener.name", client);
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // Consumer groups start at once in tests and on a laptop.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    if (!settings.topics().isEmpty()) {
      // The topics are declared (oasis.yaml): services that start with the broker must not
      // auto-create one with the default partition count before TopicCreator makes it.
      p.put("auto.create.topics.enable", "false");
    }
    return p;
  }

  /** Stops the broker (idempotent); a temporary log directory is deleted. */
  @Override
  public synchronized void close() {
    if (stopped || server == null) {
      return;
    }
    stopped = true;
    server.shutdown();
    server.awaitShutdown();
    if (temporary) {
      deleteQuietly(logDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not delete the temporary log directory {}: {}", dir, e.toString());
    }
  }
}
