package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import oasis.runtime.RuntimeContract;

/**
 * How the kubernetes target splits a component's calls between stable and another track on plain
 * Kubernetes, with no service mesh: by replicas behind the component's one Service.
 *
 * <ul>
 *   <li>weight 0: the Service selects stable's pods only; the track runs one pod, ready but out of
 *       rotation (so it can be judged ready before it takes a call);
 *   <li>0 &lt; weight &lt; 100: the Service selects both tracks' pods, and the track runs {@code
 *       max(1, round(N × w / (100 − w)))} pods beside stable's N (its declared replicas, or its
 *       autoscaler's minimum): its share is {@code c / (N + c)}, as fine as one pod allows;
 *   <li>weight 100: the track runs N pods and the Service selects them only; stable's stay up, out
 *       of rotation, so an abort is a selector change.
 * </ul>
 *
 * The weights live in a ConfigMap of the namespace (not labelled as managed, so pruning never takes
 * it), so every command on every machine renders the same objects for them.
 */
final class ReplicaSplit {

  /** A component's non-stable track and its percent of the calls. */
  record Share(String track, int weight) {}

  static final String WEIGHTS_LABEL = "oasis.dev/weights";

  private ReplicaSplit() {}

  static String configMap(String env) {
    return "oasis-weights-" + env;
  }

  /** The pods of a track at {@code weight} beside {@code stable} stable pods. */
  static int trackReplicas(int stable, int weight) {
    if (weight <= 0) {
      return 1;
    }
    if (weight >= 100) {
      return stable;
    }
    long c = Math.round(stable * (double) weight / (100 - weight));
    return (int) Math.max(1, Math.min(stable, c));
  }

  /** The percent of the calls a track's {@code track} pods get beside {@code stable} pods. */
  static int effectivePercent(int stable, int track, int weight) {
    if (weight <= 0) {
      return 0;
    }
    if (weight >= 100) {
      return 100;
    }
    return (int) Math.round(100.0 * track / (stable + track));
  }

  /**
   * What the component's Service selects with {@code share} in force (null: no other track).
   * Deployments keep their own track selectors; only the Service spans tracks.
   */
  static Map<String, String> serviceSelector(String env, String component, Share share) {
    if (share == null || share.weight() <= 0) {
      return Labels.selector(env, component, RuntimeContract.STABLE);
    }
    if (share.weight() >= 100) {
      return Labels.selector(env, component, share.track());
    }
    return new TreeMap<>(Map.of(Labels.ENV, env, Labels.COMPONENT, component));
  }

  /** The weights in force in the namespace: component to its share. */
  static Map<String, Share> read(KubernetesClient client, String namespace, String env) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap(env)).get();
    Map<String, Share> out = new TreeMap<>();
    if (cm == null || cm.getData() == null) {
      return out;
    }
    cm.getData()
        .forEach(
            (component, value) -> {
              int eq = value.indexOf('=');
              if (eq > 0) {
                out.put(
                    component,
                    new Share(value.substring(0, eq), Integer.parseInt(value.substring(eq + 1))));
              }
            });
    return out;
  }

  /** Stores {@code weights} (weight 0 entries are dropped: stable has every call). */
  static void write(
      KubernetesClient client, String namespace, String env, Map<String, Share> weights) {
    Map<String, String> data = new TreeMap<>();
    weights.forEach(
        (c, s) -> {
          if (s.weight() > 0) {
            data.put(c, s.track() + "=" + s.weight());
          }
        });
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(configMap(env))
                .withNamespace(namespace)
                .withLabels(Map.of(Labels.ENV, env, WEIGHTS_LABEL, "true"))
                .endMetadata()
                .withData(data)
                .build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
  }

  static void delete(KubernetesClient client, String namespace, String env) {
    client.configMaps().inNamespace(namespace).withName(configMap(env)).delete();
  }
}
