package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts objects into the namespace, touching only what changed: each object carries the hash of what
 * oasis applied ({@link Labels#APPLIED}), and an object whose hash matches is left alone.
 * Server-side apply with field manager {@code oasis} where the API server has it; create-or-update
 * where it does not (fabric8's mock server, old clusters).
 */
final class Applier {

  /** The kinds oasis applies; down and pruning look at exactly these. */
  static final List<String> KINDS =
      List.of(
          "NetworkPolicy",
          "ServiceAccount",
          "ConfigMap",
          "Service",
          "Deployment",
          "StatefulSet",
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "Ingress",
          "Kafka",
          "KafkaNodePool",
          "KafkaTopic",
          "KafkaUser");

  private final KubernetesClient client;
  private final String namespace;
  private Boolean serverSideApply;

  Applier(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Applies {@code objects}, labelled with {@code revision} when they change; deletes the objects
   * of {@code env} that are no longer among them. Returns "Kind/name" of what it changed.
   */
  List<String> apply(
      List<HasMetadata> objects, String env, Integer revision, Consumer<String> progress) {
    List<String> changed = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    for (HasMetadata o : objects) {
      o.getMetadata().setNamespace(namespace);
      String hash = Hashes.of(o);
      o.getMetadata().setAnnotations(with(o.getMetadata().getAnnotations(), Labels.APPLIED, hash));
      if (revision != null) {
        o.getMetadata()
            .setLabels(
                with(o.getMetadata().getLabels(), Labels.REVISION, String.valueOf(revision)));
      }
      wanted.add(key(o));
      HasMetadata live = resource(o).get();
      if (live != null && hash.equals(annotation(live))) {
        continue;
      }
      write(o);
      changed.add(key(o));
      progress.accept("  " + (live == null ? "created " : "updated ") + key(o));
    }
    for (HasMetadata live : managed(env)) {
      if (!wanted.contains(key(live))) {
        resource(live).delete();
        changed.add(key(live));
        progress.accept("  deleted " + key(live));
      }
    }
    return changed;
  }

  /** The live object {@code o} names, or null. */
  HasMetadata live(HasMetadata o) {
    return resource(o).get();
  }

  /** Deletes every object oasis applied for {@code env}; returns how many. */
  int deleteAll(String env, Consumer<String> progress) {
    List<HasMetadata> all = managed(env);
    List<HasMetadata> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    for (HasMetadata o : reversed) {
      resource(o).delete();
      progress.accept("  deleted " + key(o));
    }
    return all.size();
  }

  /** The objects of {@code env} that oasis applied, in {@link #KINDS} order. */
  List<HasMetadata> managed(String env) {
    List<HasMetadata> out = new ArrayList<>();
    for (String kind : KINDS) {
      try {
        out.addAll(
            client
                .genericKubernetesResources(context(kind))
                .inNamespace(namespace)
                .withLabels(Labels.managed(env))
                .list()
                .getItems());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e; // 404: the cluster has no such kind (no Strimzi): nothing of it to manage
        }
      }
    }
    return out;
  }

  private void write(HasMetadata o) {
    if (!Boolean.FALSE.equals(serverSideApply)) {
      try {
        resource(o).fieldManager("oasis").forceConflicts().serverSideApply();
        serverSideApply = true;
        return;
      } catch (KubernetesClientException e) {
        // 404/405/415: no server-side apply here (the mock); remember and fall back.
        if (Boolean.TRUE.equals(serverSideApply) || !Set.of(404, 405, 415).contains(e.getCode())) {
          throw e;
        }
        serverSideApply = false;
      }
    }
    resource(o).createOr(NonDeletingOperation::update);
  }

  private Resource<GenericKubernetesResource> resource(HasMetadata o) {
    GenericKubernetesResource g =
        o instanceof GenericKubernetesResource gr
            ? gr
            : client.getKubernetesSerialization().convertValue(o, GenericKubernetesResource.class);
    g.getMetadata().setNamespace(namespace);
    return client
        .genericKubernetesResources(context(o.getKind()))
        .inNamespace(namespace)
        .resource(g);
  }

  static ResourceDefinitionContext context(String kind) {
    String[] gv =
        switch (kind) {
          case "Deployment", "StatefulSet" -> new String[] {"apps", "v1"};
          case "HorizontalPodAutoscaler" -> new String[] {"autoscaling", "v2"};
          case "PodDisruptionBudget" -> new String[] {"policy", "v1"};
          case "Ingress", "NetworkPolicy" -> new String[] {"networking.k8s.io", "v1"};
          case "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser" ->
              new String[] {"kafka.strimzi.io", "v1beta2"};
          default -> new String[] {"", "v1"};
        };
    return new ResourceDefinitionContext.Builder()
        .withGroup(gv[0])
        .withVersion(gv[1])
        .withKind(kind)
        .withPlural(plural(kind))
        .withNamespaced(true)
        .build();
  }

  private static String plural(String kind) {
    String k = kind.toLowerCase(java.util.Locale.ROOT);
    return switch (k) {
      case "networkpolicy" -> "networkpolicies";
      case "ingress" -> "ingresses";
      case "kafka" -> "kafkas";
      default -> k + "s";
    };
  }

  private static java.util.Map<String, String> with(
      java.util.Map<String, String> map, String key, String value) {
    java.util.Map<String, String> out =
        map == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(map);
    out.put(key, value);
    return out;
  }

  private static String annotation(HasMetadata o) {
    return o.getMetadata().getAnnotations() == null
        ? null
        : o.getMetadata().getAnnotations().get(Labels.APPLIED);
  }

  static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }
}
