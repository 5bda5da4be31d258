package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.config.InfrastructureConfig;
import oasis.config.KubernetesSettings.Workload;
import oasis.runtime.RuntimeContract;

/**
 * Kafka through Strimzi (a {@code Kafka} in KRaft mode with a node pool, a {@code KafkaTopic} per
 * topic, a {@code KafkaUser} per component with ACLs for exactly its topics) and Redis as a
 * StatefulSet with a volume. Strimzi's kinds go through generic resources: no Strimzi model jar.
 */
final class Infrastructure {

  static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";
  static final int KAFKA_PORT = 9093;
  static final int REDIS_PORT = 6379;

  private Infrastructure() {}

  static List<HasMetadata> of(Scope scope) {
    List<HasMetadata> out = new ArrayList<>();
    scope
        .config()
        .infrastructure()
        .forEach(
            (name, infra) -> {
              if ("kafka".equals(infra.kind()) && scope.strimzi()) {
                out.addAll(strimzi(scope, name, infra));
              } else if ("redis".equals(infra.kind()) && scope.ownRedis()) {
                out.addAll(redis(scope, name));
              }
            });
    return out;
  }

  /** The bootstrap address of a Strimzi cluster named {@code name}. */
  static String bootstrap(String name) {
    return name + "-kafka-bootstrap:" + KAFKA_PORT;
  }

  private static List<HasMetadata> strimzi(Scope scope, String name, InfrastructureConfig infra) {
    int replicas = scope.environment().kafka().replicas();
    int minIsr = replicas >= 3 ? 2 : 1;
    List<HasMetadata> out = new ArrayList<>();
    out.add(
        resource(
            scope,
            name,
            "Kafka",
            name,
            Map.of("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"),
            Map.of(
                "kafka",
                kafka(scope, name, replicas, minIsr),
                "entityOperator",
                Map.of("topicOperator", Map.of(), "userOperator", Map.of()))));
    out.add(nodePool(scope, name, replicas));
    infra
        .topics()
        .forEach(
            (topic, t) ->
                out.add(
                    resource(
                        scope,
                        name,
                        "KafkaTopic",
                        topic,
                        Map.of(),
                        Map.of(
                            "topicName",
                            topic,
                            "partitions",
                            t.partitions() == null ? 1 : t.partitions(),
                            "replicas",
                            replicas,
                            "config",
                            Map.of("min.insync.replicas", minIsr)))));
    clients(scope, name).forEach(c -> out.add(user(scope, name, c)));
    return out;
  }

  /**
   * The broker's settings: one TLS listener with SCRAM logins that only the stable pods of the
   * components using it may reach, ACLs, replication as the node count allows.
   */
  private static Map<String, Object> kafka(Scope scope, String name, int replicas, int minIsr) {
    List<Map<String, Object>> peers = new ArrayList<>();
    for (String c : clients(scope, name)) {
      peers.add(
          Map.of(
              "podSelector",
              Map.of("matchLabels", Labels.selector(scope.env(), c, RuntimeContract.STABLE))));
    }
    Map<String, Object> listener = new LinkedHashMap<>();
    listener.put("name", "tls");
    listener.put("port", KAFKA_PORT);
    listener.put("type", "internal");
    listener.put("tls", true);
    listener.put("authentication", Map.of("type", "scram-sha-512"));
    listener.put("networkPolicyPeers", peers);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("default.replication.factor", replicas);
    config.put("min.insync.replicas", minIsr);
    config.put("offsets.topic.replication.factor", replicas);
    config.put("transaction.state.log.replication.factor", replicas);
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("auto.create.topics.enable", false);
    Map<String, Object> kafka = new LinkedHashMap<>();
    kafka.put("listeners", List.of(listener));
    kafka.put("authorization", Map.of("type", "simple"));
    kafka.put("config", config);
    return kafka;
  }

  /** The broker's nodes: controllers and brokers at once, on claims kept when the pool goes. */
  private static HasMetadata nodePool(Scope scope, String name, int replicas) {
    return resource(
        scope,
        name,
        "KafkaNodePool",
        name + "-pool",
        Map.of(),
        Map.of(
            "replicas",
            replicas,
            "roles",
            List.of("controller", "broker"),
            "storage",
            Map.of(
                "type",
                "persistent-claim",
                "size",
                scope.settings().kafka().storage(),
                "deleteClaim",
                false)));
  }

  /** The components that use the broker {@code name}, in oasis.yaml's order. */
  private static List<String> clients(Scope scope, String name) {
    return scope.config().components().entrySet().stream()
        .filter(e -> e.getValue().dependsOn().contains(name))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A component's SCRAM user with ACLs for exactly the topics it reads and writes. */
  private static HasMetadata user(Scope scope, String cluster, String component) {
    Workload w = scope.settings().workload(component);
    List<Map<String, Object>> acls = new ArrayList<>();
    for (String t : w.reads()) {
      acls.add(acl("topic", t, List.of("Read", "Describe")));
    }
    for (String t : w.writes()) {
      acls.add(acl("topic", t, List.of("Write", "Describe")));
    }
    if (!w.reads().isEmpty()) {
      acls.add(acl("group", component, List.of("Read")));
    }
    return resource(
        scope,
        cluster,
        "KafkaUser",
        component,
        Map.of(),
        Map.of(
            "authentication",
            Map.of("type", "scram-sha-512"),
            "authorization",
            Map.of("type", "simple", "acls", acls)));
  }

  private static Map<String, Object> acl(String type, String name, List<String> operations) {
    Map<String, Object> acl = new LinkedHashMap<>();
    acl.put("resource", Map.of("type", type, "name", name, "patternType", "literal"));
    acl.put("operations", operations);
    return acl;
  }

  private static GenericKubernetesResource resource(
      Scope scope,
      String cluster,
      String kind,
      String name,
      Map<String, String> annotations,
      Map<String, Object> spec) {
    Map<String, String> labels = Labels.of(scope.env(), cluster, RuntimeContract.STABLE, null);
    labels.put("strimzi.io/cluster", cluster);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(STRIMZI_API)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static List<HasMetadata> redis(Scope scope, String name) {
    Map<String, String> labels = Labels.of(scope.env(), name, RuntimeContract.STABLE, null);
    Map<String, String> selector = Labels.selector(scope.env(), name, RuntimeContract.STABLE);
    HasMetadata service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withSelector(selector)
            .addNewPort()
            .withName("redis")
            .withPort(REDIS_PORT)
            .withTargetPort(new IntOrString("redis"))
            .endPort()
            .endSpec()
            .build();
    HasMetadata set =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withServiceName(name)
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(999L)
            .withFsGroup(999L)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .addToContainers(redisContainer())
            .endSpec()
            .endTemplate()
            .addToVolumeClaimTemplates(dataClaim(scope))
            .endSpec()
            .build();
    return List.of(service, set);
  }

  /** redis-server keeping its data on the pod's volume, ready when it answers PING. */
  private static Container redisContainer() {
    return new ContainerBuilder()
        .withName("redis")
        .withImage("redis:7.0")
        .withArgs("--appendonly", "yes", "--dir", "/data")
        .addNewPort()
        .withName("redis")
        .withContainerPort(REDIS_PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewExec()
        .withCommand("redis-cli", "ping")
        .endExec()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withSecurityContext(Workloads.restricted())
        .addNewVolumeMount()
        .withName("data")
        .withMountPath("/data")
        .endVolumeMount()
        .build();
  }

  private static PersistentVolumeClaim dataClaim(Scope scope) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("data")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity(scope.settings().redis().storage()))
        .endResources()
        .endSpec()
        .build();
  }
}
