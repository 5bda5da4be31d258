package oasis.runtime.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Probes;
import oasis.security.ClientTls;
import oasis.security.Credentials;
import oasis.security.EnvironmentPki;

/**
 * Every hop of a local environment with {@code tls: {certificates: generated}} secured: the
 * certificates of {@code pki/} (made or renewed before each converge), a SCRAM user per component
 * plus {@code oasis} and the broker's own, a Redis ACL user per component and oasis with the
 * default user off. Processes get paths to files, never a secret in their environment.
 */
final class LocalSecurity {

  static final String OASIS = "oasis";
  static final String BROKER = "kafka-broker";
  static final List<String> SANS = List.of("localhost", Probes.HOST);

  private final EnvironmentPki pki;
  private final Credentials credentials;
  private final Duration validity;
  private final Clock clock;

  LocalSecurity(Path envDir, Duration validity, Clock clock) {
    this.pki = EnvironmentPki.in(envDir);
    this.credentials = Credentials.in(envDir);
    this.validity = validity;
    this.clock = clock;
  }

  /** Makes (or renews) certificates and credentials for every instance of {@code plan}. */
  void prepare(Plan plan) {
    TreeSet<String> names = new TreeSet<>();
    StringBuilder kafkaUsers = new StringBuilder("# SCRAM users the broker makes (owner-only)\n");
    StringBuilder acl = new StringBuilder("user default off\n");
    List<String> users = new ArrayList<>(List.of(OASIS));
    for (PlannedInstance i : plan.instances()) {
      names.add(i.component());
      if (i.kind() == InstanceKind.SERVICE && !users.contains(i.component())) {
        users.add(i.component());
      }
    }
    for (String user : users) {
      kafkaUsers.append(user).append('=').append(credentials.password(user)).append('\n');
      acl.append("user ")
          .append(user)
          .append(" on >")
          .append(credentials.password(user))
          .append(" ~* &* +@all\n");
    }
    credentials.passwordFile(BROKER);
    credentials.writeFile("kafka-users.properties", kafkaUsers.toString());
    credentials.writeFile("redis-users.acl", acl.toString());
    pki.ensure(names, SANS, validity, clock);
    pki.writeKafkaClientProperties(OASIS, credentials.password(OASIS));
  }

  /** The variables (and, for Redis, arguments) that secure instance {@code i}. */
  Map<String, String> env(PlannedInstance i) {
    Map<String, String> env = new TreeMap<>();
    env.put("OASIS_TLS_CA", pki.ca().toString());
    env.put("OASIS_TLS_CERT", pki.cert(i.component()).toString());
    env.put("OASIS_TLS_KEY", pki.key(i.component()).toString());
    switch (i.kind()) {
      case KAFKA -> {
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_USERNAME", BROKER);
        env.put("KAFKA_SASL_PASSWORD_FILE", credentials.passwordFile(BROKER).toString());
        env.put(
            "KAFKA_SCRAM_USERS_FILE",
            credentials.dir().resolve("kafka-users.properties").toString());
      }
      case SERVICE -> {
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_USERNAME", i.component());
        env.put("KAFKA_SASL_PASSWORD_FILE", credentials.passwordFile(i.component()).toString());
        env.put("REDIS_USER", i.component());
        env.put("REDIS_PASSWORD_FILE", credentials.passwordFile(i.component()).toString());
      }
      case REDIS -> {
        // redis-server reads its files from its arguments.
      }
    }
    return env;
  }

  /** redis-server with TLS only, client certificates required, users from an ACL file. */
  List<String> redisArguments(PlannedInstance i, int port) {
    return List.of(
        "--port",
        "0",
        "--tls-port",
        String.valueOf(port),
        "--tls-cert-file",
        pki.cert(i.component()).toString(),
        "--tls-key-file",
        pki.key(i.component()).toString(),
        "--tls-ca-cert-file",
        pki.ca().toString(),
        "--tls-auth-clients",
        "yes",
        "--aclfile",
        credentials.dir().resolve("redis-users.acl").toString());
  }

  /**
   * Which certificates the processes use: the CA's SHA-256. A renewal makes a new CA, so every
   * process's definition changes with it and each restarts with the new certificates (a process
   * left on the old CA would refuse, and be refused by, every renewed peer).
   */
  String generation() {
    try {
      return oasis.artifact.ArtifactStore.sha256(java.nio.file.Files.readAllBytes(pki.ca()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + pki.ca(), e);
    }
  }

  /** How oasis reaches the environment: its client certificate and Kafka login. */
  ClientTls client() {
    return ClientTls.inPki(pki.dir()).withKafkaLogin(OASIS, credentials.password(OASIS));
  }
}
