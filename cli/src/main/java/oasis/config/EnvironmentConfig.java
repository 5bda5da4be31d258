package oasis.config;

import java.util.Map;

/**
 * Where and how one environment runs.
 *
 * @param target {@code local}, {@code docker} or {@code kubernetes}
 * @param predecessor the environment a release must be healthy on before it may come here
 * @param envFile the {@code .env} file with this environment's variables (never committed)
 * @param kafka the Kafka the environment's services connect to
 * @param historyLimit how many revisions the ledger keeps
 * @param namespace the Kubernetes namespace (kubernetes target only)
 * @param vars environment variables for every component in this environment (values, not secrets)
 * @param deployWindow when deploys may start here; a release manifest may record its own
 * @param docker images, restart policy of the docker target (defaults when absent)
 * @param rollout the deploy strategy, canary steps, blue/green switch and analysis
 * @param kubernetes context, registry, infrastructure providers and workloads (kubernetes target)
 * @param tls transport security (TLS on every hop, certificates made or given); null: plaintext
 * @param portOffset added to every declared port, so the environment can run beside another on the
 *     same machine (local target); 0 by default
 */
public record EnvironmentConfig(
    String target,
    String predecessor,
    String envFile,
    KafkaSettings kafka,
    Integer historyLimit,
    String namespace,
    Map<String, String> vars,
    DeployWindow deployWindow,
    DockerSettings docker,
    RolloutConfig rollout,
    KubernetesSettings kubernetes,
    TlsSettings tls,
    Integer portOffset) {

  public static final int DEFAULT_HISTORY_LIMIT = 50;

  /**
   * An environment on {@code target} after {@code predecessor}, every other setting its default.
   */
  public static EnvironmentConfig of(String target, String predecessor) {
    return new EnvironmentConfig(
        target, predecessor, null, null, null, null, null, null, null, null, null, null, null);
  }

  public EnvironmentConfig {
    kubernetes = kubernetes == null ? KubernetesSettings.defaults() : kubernetes;
    docker = docker == null ? DockerSettings.defaults() : docker;
    rollout = rollout == null ? RolloutConfig.defaults() : rollout;
    kafka = kafka == null ? new KafkaSettings(1, "PLAINTEXT", null, null) : kafka;
    historyLimit = historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
    portOffset = portOffset == null ? 0 : portOffset;
    vars = vars == null ? Map.of() : Map.copyOf(vars);
  }

  /**
   * Kafka settings of an environment.
   *
   * @param replicas replication factor of the project's topics
   * @param securityProtocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code
   *     SASL_SSL}
   * @param saslMechanism e.g. {@code SCRAM-SHA-512} when SASL is on
   * @param bootstrap external brokers; empty means the target runs its own
   */
  public record KafkaSettings(
      Integer replicas, String securityProtocol, String saslMechanism, String bootstrap) {
    public KafkaSettings {
      replicas = replicas == null ? 1 : replicas;
      securityProtocol = securityProtocol == null ? "PLAINTEXT" : securityProtocol;
    }
  }
}
