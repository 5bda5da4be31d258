package oasis.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;

/**
 * What the embedded broker needs: its two ports, where it keeps data (none means a temporary
 * directory), the topics to create with their partition counts, and how long it may take.
 */
record BrokerSettings(
    int port,
    int controllerPort,
    Optional<Path> logDir,
    Map<String, Integer> topics,
    String listenHost,
    String advertisedHost,
    Optional<External> external,
    Optional<BrokerSecurity> security) {

  /**
   * A second listener for clients outside the container's network (the CLI on the host): it listens
   * on {@code port} and gives clients {@code advertised}, the address the host reaches.
   */
  record External(int port, String advertised) {}

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  private static final Pattern HOST_PORT =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}:[0-9]{1,5}");
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final String TOPICS_ALLOWED =
      "name:partitions,... with topic names of letters, digits, '.', '_', '-' and 1 to 1000"
          + " partitions";

  /** Reads {@code KAFKA_PORT}, {@code KAFKA_CONTROLLER_PORT}, {@code KAFKA_LOG_DIR}, ... */
  static BrokerSettings from(ServiceConfig config) {
    int port = config.integer("KAFKA_PORT", 19092, 1, 65535);
    int controllerPort = config.integer("KAFKA_CONTROLLER_PORT", 19093, 1, 65535);
    if (port == controllerPort) {
      throw new ConfigException(
          "KAFKA_CONTROLLER_PORT=\""
              + controllerPort
              + "\" is not allowed: it must differ from"
              + " KAFKA_PORT");
    }
    Optional<Path> logDir = config.raw("KAFKA_LOG_DIR").map(Path::of);
    String listen = host(config, "KAFKA_LISTEN_HOST", "127.0.0.1");
    String advertised =
        host(config, "KAFKA_ADVERTISED_HOST", "0.0.0.0".equals(listen) ? "127.0.0.1" : listen);
    return new BrokerSettings(
        port,
        controllerPort,
        logDir,
        topics(config),
        listen,
        advertised,
        external(config, port),
        BrokerSecurity.from(config));
  }

  /** {@code KAFKA_EXTERNAL_PORT} and {@code KAFKA_EXTERNAL_ADVERTISED}: both, or neither. */
  private static Optional<External> external(ServiceConfig config, int port) {
    Optional<String> advertised = config.raw("KAFKA_EXTERNAL_ADVERTISED");
    if (config.raw("KAFKA_EXTERNAL_PORT").isEmpty() && advertised.isEmpty()) {
      return Optional.empty();
    }
    int external = config.integer("KAFKA_EXTERNAL_PORT", 0, 1, 65535);
    if (external == 0 || advertised.isEmpty()) {
      throw new ConfigException(
          "KAFKA_EXTERNAL_PORT and KAFKA_EXTERNAL_ADVERTISED go together: set both (the port the"
              + " external listener binds, the host:port clients outside are given) or neither");
    }
    if (external == port) {
      throw new ConfigException(
          "KAFKA_EXTERNAL_PORT=\""
              + external
              + "\" is not allowed: it must differ from KAFKA_PORT");
    }
    if (!HOST_PORT.matcher(advertised.get()).matches()) {
      throw new ConfigException(
          "KAFKA_EXTERNAL_ADVERTISED=\""
              + advertised.get()
              + "\" is not allowed: expected host:port, e.g. 127.0.0.1:32790");
    }
    return Optional.of(new External(external, advertised.get()));
  }

  private static String host(ServiceConfig config, String name, String defaultValue) {
    String host = config.string(name, defaultValue);
    if (!HOST.matcher(host).matches()) {
      throw new ConfigException(
          name + "=\"" + host + "\" is not allowed: expected a host name or IPv4 address");
    }
    return host;
  }

  private static Map<String, Integer> topics(ServiceConfig config) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    Optional<String> raw = config.raw("KAFKA_TOPICS");
    if (raw.isEmpty()) {
      return topics;
    }
    for (String item : config.list("KAFKA_TOPICS", "")) {
      List<String> parts = List.of(item.split(":", -1));
      if (parts.size() != 2 || !TOPIC.matcher(parts.get(0)).matches()) {
        throw invalidTopics(raw.get());
      }
      topics.put(parts.get(0), partitions(parts.get(1), raw.get()));
    }
    return topics;
  }

  private static int partitions(String text, String raw) {
    try {
      int partitions = Integer.parseInt(text);
      if (partitions < 1 || partitions > 1000) {
        throw invalidTopics(raw);
      }
      return partitions;
    } catch (NumberFormatException e) {
      throw invalidTopics(raw);
    }
  }

  private static ConfigException invalidTopics(String raw) {
    return new ConfigException(
        "KAFKA_TOPICS=\"" + raw + "\" is not allowed: expected " + TOPICS_ALLOWED);
  }

  /** What an admin client needs beside the bootstrap address (empty: plaintext). */
  java.util.Properties clientSecurity() {
    return security.map(BrokerSecurity::adminClient).orElseGet(java.util.Properties::new);
  }

  /** The address clients use. */
  String bootstrap() {
    return advertisedHost + ":" + port;
  }
}
