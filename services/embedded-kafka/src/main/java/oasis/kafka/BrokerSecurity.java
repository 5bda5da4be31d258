package oasis.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import oasis.service.kafka.KafkaSettings;
import oasis.service.security.TransportSecurity;

/**
 * SASL_SSL for the embedded broker: TLS with the certificate of {@code OASIS_TLS_CERT/KEY}, SCRAM
 * logins, an admin user ({@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD[_FILE]}) that the
 * broker itself uses, and more users from {@code KAFKA_SCRAM_USERS_FILE} ({@code user=password}
 * lines, one per component). No plaintext listener: the controller listener speaks SSL and demands
 * the client certificate.
 */
record BrokerSecurity(
    TransportSecurity.PemFiles files,
    String adminUser,
    String adminPassword,
    Map<String, String> users) {

  static final String MECHANISM = "SCRAM-SHA-512";
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

  /** Empty unless {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL}. */
  static Optional<BrokerSecurity> from(ServiceConfig config) {
    String protocol = config.oneOf("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT", "SASL_SSL");
    if (protocol.equals("PLAINTEXT")) {
      return Optional.empty();
    }
    TransportSecurity tls = TransportSecurity.from(config);
    if (!tls.enabled()) {
      throw new ConfigException(
          "SASL_SSL needs the broker's certificate: set "
              + TransportSecurity.CA
              + ", "
              + TransportSecurity.CERT
              + " and "
              + TransportSecurity.KEY);
    }
    String admin = config.required("KAFKA_SASL_USERNAME", "the broker's own SCRAM user");
    String password =
        config
            .secret("KAFKA_SASL_PASSWORD")
            .orElseThrow(
                () ->
                    new ConfigException(
                        "KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) is required with"
                            + " SASL_SSL"));
    // The first user is made when the storage is formatted, from an argument Kafka parses itself.
    if (!SIMPLE.matcher(admin).matches() || !SIMPLE.matcher(password).matches()) {
      throw new ConfigException(
          "KAFKA_SASL_USERNAME and its password may hold only letters, digits and . _ ~ -");
    }
    return Optional.of(
        new BrokerSecurity(tls.files().orElseThrow(), admin, password, users(config)));
  }

  private static Map<String, String> users(ServiceConfig config) {
    Map<String, String> users = new TreeMap<>();
    Optional<String> file = config.raw("KAFKA_SCRAM_USERS_FILE");
    if (file.isEmpty()) {
      return users;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file.get()))) {
      p.load(in);
    } catch (IOException e) {
      throw ConfigException.invalid("KAFKA_SCRAM_USERS_FILE", file.get(), "a readable file");
    }
    p.stringPropertyNames().forEach(u -> users.put(u, p.getProperty(u)));
    return users;
  }

  /**
   * The {@code kafka-storage format --add-scram} arguments: the admin user and every other one, so
   * that on a new storage no client ever meets a user the broker does not know yet.
   */
  java.util.List<String> formatArguments() {
    java.util.List<String> args = new java.util.ArrayList<>();
    args.add(scram(adminUser, adminPassword));
    users.forEach(
        (user, password) -> {
          if (SIMPLE.matcher(user).matches() && SIMPLE.matcher(password).matches()) {
            args.add(scram(user, password));
          }
        });
    return args;
  }

  private static String scram(String user, String password) {
    return MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  /** Broker properties: listeners are set by the broker; these are TLS and SASL. */
  Map<String, String> brokerProperties() {
    Map<String, String> p = new TreeMap<>();
    try {
      // PEM inline: Kafka wants key and chain in one file otherwise (password-typed: never logged).
      p.put("ssl.keystore.type", "PEM");
      p.put("ssl.keystore.certificate.chain", Files.readString(files.cert()));
      p.put("ssl.keystore.key", Files.readString(files.key()));
      p.put("ssl.truststore.type", "PEM");
      p.put("ssl.truststore.certificates", Files.readString(files.ca()));
    } catch (IOException e) {
      throw new ConfigException("cannot read the broker's TLS files: " + e.getMessage());
    }
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put(
        "listener.name.sasl_ssl." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
        KafkaSettings.jaas(adminUser, adminPassword));
    p.put("listener.name.controller.ssl.client.auth", "required");
    return p;
  }

  /** Properties of an admin client of this broker, logged in as the admin user. */
  Properties adminClient() {
    Properties p = new Properties();
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", MECHANISM);
    p.put("sasl.jaas.config", KafkaSettings.jaas(adminUser, adminPassword));
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", files.ca().toString());
    return p;
  }

  /** Never a password. */
  @Override
  public String toString() {
    return "BrokerSecurity[SASL_SSL "
        + MECHANISM
        + ", admin="
        + adminUser
        + ", users="
        + users.keySet()
        + "]";
  }
}
