package oasis.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an environment with {@code target: kubernetes} runs on a cluster (the namespace is the
 * environment's {@code namespace}).
 *
 * @param context the kubeconfig context; null: the current one
 * @param registry where the service images are, e.g. {@code registry.example.com/oasis}
 * @param monitoringNamespace the namespace whose Prometheus may scrape the metrics ports
 * @param leaseSeconds how long the environment's lock outlives a command that stopped renewing it
 * @param kafka {@code provider: strimzi} (the target renders a Kafka) or {@code external} (the
 *     environment's {@code kafka.bootstrap})
 * @param redis {@code provider: statefulset} (the target runs one) or {@code external} with a
 *     {@code url}
 * @param components replicas, autoscaling and ingress per component
 */
public record KubernetesSettings(
    String context,
    String registry,
    String monitoringNamespace,
    Integer leaseSeconds,
    Provider kafka,
    Provider redis,
    Map<String, Workload> components) {

  public static final String STRIMZI = "strimzi";
  public static final String EXTERNAL = "external";
  public static final String STATEFULSET = "statefulset";
  static final Set<String> KAFKA_PROVIDERS = Set.of(STRIMZI, EXTERNAL);
  static final Set<String> REDIS_PROVIDERS = Set.of(STATEFULSET, EXTERNAL);

  public KubernetesSettings {
    monitoringNamespace = monitoringNamespace == null ? "monitoring" : monitoringNamespace;
    leaseSeconds = leaseSeconds == null ? 15 : leaseSeconds;
    kafka = kafka == null ? new Provider(STRIMZI, null, null) : kafka;
    redis = redis == null ? new Provider(STATEFULSET, null, null) : redis;
    components = components == null ? Map.of() : new LinkedHashMap<>(components);
  }

  public static KubernetesSettings defaults() {
    return new KubernetesSettings(null, null, null, null, null, null, null);
  }

  /** A component's workload settings (one replica, no autoscaling, no ingress when absent). */
  public Workload workload(String component) {
    Workload w = components.get(component);
    return w == null ? new Workload(null, null, null, null, null) : w;
  }

  /**
   * Who runs a piece of infrastructure.
   *
   * @param provider see {@link KubernetesSettings}
   * @param url the address of an external one (Redis: {@code rediss://host:port})
   * @param storage the volume size of one the target runs, e.g. {@code 10Gi}
   */
  public record Provider(String provider, String url, String storage) {
    public Provider {
      storage = storage == null ? "1Gi" : storage;
    }
  }

  /**
   * @param replicas pods when not autoscaled (default 1)
   * @param autoscale a HorizontalPodAutoscaler's bounds and CPU target, or null
   * @param expose an Ingress with TLS, or null
   * @param reads the Kafka topics it consumes (its KafkaUser's ACLs; Strimzi only)
   * @param writes the Kafka topics it produces to
   */
  public record Workload(
      Integer replicas,
      Autoscale autoscale,
      Expose expose,
      java.util.List<String> reads,
      java.util.List<String> writes) {
    public Workload {
      replicas = replicas == null ? (autoscale == null ? 1 : autoscale.min()) : replicas;
      reads = reads == null ? java.util.List.of() : java.util.List.copyOf(reads);
      writes = writes == null ? java.util.List.of() : java.util.List.copyOf(writes);
    }
  }

  /** {@code autoscale: {min, max, cpu}}: cpu is the target utilisation in percent. */
  public record Autoscale(Integer min, Integer max, Integer cpu) {}

  /** {@code expose: {host, tlsSecret}}: an Ingress for the gRPC port with this certificate. */
  public record Expose(String host, String tlsSecret) {}

  /** What is wrong, as (key, message, fix) triples; {@code components} names the declared ones. */
  List<String[]> problems(Set<String> declared, Set<String> topics, String bootstrap) {
    List<String[]> out = new ArrayList<>();
    if (!KAFKA_PROVIDERS.contains(kafka.provider())) {
      out.add(
          new String[] {
            "kafka/provider",
            "Kafka provider '" + kafka.provider() + "' is unknown",
            "use 'strimzi' (the target renders a Kafka) or 'external' (kafka.bootstrap)"
          });
    } else if (EXTERNAL.equals(kafka.provider()) && (bootstrap == null || bootstrap.isBlank())) {
      out.add(
          new String[] {
            "kafka/provider",
            "an external Kafka needs the brokers' addresses",
            "set the environment's kafka: {bootstrap: host1:9093,host2:9093}"
          });
    }
    if (!REDIS_PROVIDERS.contains(redis.provider())) {
      out.add(
          new String[] {
            "redis/provider",
            "Redis provider '" + redis.provider() + "' is unknown",
            "use 'statefulset' or 'external' with a url"
          });
    } else if (EXTERNAL.equals(redis.provider())
        && (redis.url() == null || !redis.url().matches("rediss?://\\S+"))) {
      out.add(
          new String[] {
            "redis/url",
            "an external Redis needs a url such as rediss://redis.example.com:6380",
            "set redis: {provider: external, url: rediss://HOST:PORT}"
          });
    }
    if (leaseSeconds < 2 || leaseSeconds > 300) {
      out.add(
          new String[] {
            "leaseSeconds",
            "leaseSeconds " + leaseSeconds + " is outside 2..300",
            "use a short TTL such as 15: a killed command's lock expires after it"
          });
    }
    if (registry != null && !registry.matches("[a-z0-9][a-z0-9._/:-]*")) {
      out.add(
          new String[] {
            "registry",
            "registry '" + registry + "' is not an image repository prefix",
            "write e.g. registry.example.com/oasis"
          });
    }
    components.forEach((name, w) -> out.addAll(workloadProblems(declared, topics, name, w)));
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String[]> workloadProblems(
      Set<String> declared, Set<String> topics, String name, Workload w) {
    List<String[]> out = new ArrayList<>();
    String at = "components/" + name;
    if (!declared.contains(name)) {
      out.add(new String[] {at, "'" + name + "' is not a component", "use one of: " + declared});
      return out;
    }
    if (w == null) {
      return out;
    }
    if (w.replicas() < 1) {
      out.add(new String[] {at + "/replicas", "replicas must be at least 1", "set replicas: 1"});
    }
    for (String t : concat(w.reads(), w.writes())) {
      if (!topics.contains(t)) {
        out.add(
            new String[] {
              at,
              "'" + name + "' uses Kafka topic '" + t + "', which is not declared",
              "use one of the kafka infrastructure's topics: " + topics
            });
      }
    }
    Autoscale a = w.autoscale();
    if (a != null
        && (a.min() == null
            || a.max() == null
            || a.cpu() == null
            || a.min() < 1
            || a.max() < a.min()
            || a.cpu() < 1
            || a.cpu() > 100)) {
      out.add(
          new String[] {
            at + "/autoscale",
            "autoscale of '" + name + "' needs 1 <= min <= max and cpu in 1..100 (percent)",
            "write e.g. autoscale: {min: 2, max: 6, cpu: 70}"
          });
    }
    Expose e = w.expose();
    if (e != null
        && (e.host() == null
            || !e.host().matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
            || e.tlsSecret() == null
            || !e.tlsSecret().matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?"))) {
      out.add(
          new String[] {
            at + "/expose",
            "expose of '" + name + "' needs a DNS host and the name of its TLS Secret",
            "write e.g. expose: {host: orders.example.com, tlsSecret: orders-tls}"
          });
    }
    return out;
  }
}
