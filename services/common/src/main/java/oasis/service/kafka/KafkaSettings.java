package oasis.service.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import oasis.service.security.TransportSecurity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client settings from {@code KAFKA_BROKERS}: an idempotent producer that waits for all
 * replicas, and a consumer that commits only when told (after its output is produced). With {@code
 * KAFKA_SECURITY_PROTOCOL=SASL_SSL} every client logs in with SCRAM ({@code KAFKA_SASL_USERNAME},
 * {@code KAFKA_SASL_PASSWORD} or {@code KAFKA_SASL_PASSWORD_FILE}) over TLS trusting {@code
 * OASIS_TLS_CA}.
 *
 * @param security the security properties every client gets (empty: plaintext)
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> security) {

  public KafkaSettings {
    security = Map.copyOf(security);
  }

  /** Plaintext to {@code bootstrapServers}. */
  public KafkaSettings(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /** Reads {@code KAFKA_BROKERS} (default {@code 127.0.0.1:19092}), a list of host:port. */
  public static KafkaSettings from(ServiceConfig config) {
    String brokers = String.join(",", config.list("KAFKA_BROKERS", "127.0.0.1:19092"));
    for (String broker : brokers.split(",")) {
      int colon = broker.lastIndexOf(':');
      if (colon <= 0 || !broker.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new ConfigException(
            "KAFKA_BROKERS=\"" + brokers + "\" is not allowed: expected host:port[,host:port...]");
      }
    }
    return new KafkaSettings(brokers, security(config));
  }

  private static Map<String, String> security(ServiceConfig config) {
    String protocol = config.oneOf("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT", "SASL_SSL");
    Map<String, String> p = new TreeMap<>();
    if (protocol.equals("PLAINTEXT")) {
      return p;
    }
    String mechanism =
        config.oneOf("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "SCRAM-SHA-512", "SCRAM-SHA-256");
    String user = config.required("KAFKA_SASL_USERNAME", "the SCRAM user of this component");
    Optional<String> password = config.secret("KAFKA_SASL_PASSWORD");
    if (password.isEmpty()) {
      throw new ConfigException(
          "KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) is required with SASL_SSL");
    }
    String ca =
        config.required(
            TransportSecurity.CA, "the CA certificate (PEM) that signed the brokers' certificates");
    p.put("security.protocol", protocol);
    p.put("sasl.mechanism", mechanism);
    p.put("sasl.jaas.config", jaas(user, password.get()));
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", ca);
    return p;
  }

  /** The JAAS line of a SCRAM login, quoted so a password may hold any character. */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + quote(user)
        + "\" password=\""
        + quote(password)
        + "\";";
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The bootstrap servers and the security properties: what every client needs. */
  public Properties common() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.putAll(security);
    return p;
  }

  /** Producer properties: idempotent, {@code acks=all}, small linger. Add serializers. */
  public Properties producer(String clientId) {
    Properties p = common();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    // send() must not stall a feed or consumer thread for a minute when the brokers are away.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return p;
  }

  /** Consumer properties: manual commits, earliest offset for a new group. Add deserializers. */
  public Properties consumer(String groupId, String clientId) {
    Properties p = common();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  /** Never the password: the JAAS line is left out. */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", security.protocol="
        + security.getOrDefault("security.protocol", "PLAINTEXT")
        + "]";
  }
}
