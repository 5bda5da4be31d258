package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import oasis.state.Revision;

/**
 * The images the environment ran, by digest, kept beside the ledger in a ConfigMap: a rollback from
 * another checkout, which never pushed them, finds each revision's images here. Entries are keyed
 * by {@link Scope#imageKey}; those of artifacts no revision of the ledger holds are dropped.
 */
final class ClusterImages {

  private final KubernetesClient client;
  private final String namespace;
  private final String environment;

  ClusterImages(KubernetesClient client, String namespace, String environment) {
    this.client = client;
    this.namespace = namespace;
    this.environment = environment;
  }

  /** The recorded references by image key; empty when none was recorded. */
  Map<String, String> read() {
    ConfigMap c = client.configMaps().inNamespace(namespace).withName(name()).get();
    return c == null || c.getData() == null ? Map.of() : new TreeMap<>(c.getData());
  }

  /**
   * Adds {@code refs} to the record that {@link #read} gave as {@code before}, keeping only the
   * entries of artifacts in {@code revisions} or in {@code refs}; writes nothing when the record
   * would not change.
   */
  void record(
      Map<String, String> before, Map<String, String> refs, Collection<Revision> revisions) {
    Map<String, String> after = new TreeMap<>();
    before.forEach(
        (key, ref) -> {
          if (revisions.stream().anyMatch(r -> held(r, key))) {
            after.put(key, ref);
          }
        });
    after.putAll(refs);
    if (after.equals(before)) {
      return;
    }
    ConfigMap c =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name())
            .withNamespace(namespace)
            .addToLabels(ClusterLedger.LEDGER, environment)
            .addToLabels(Labels.MANAGED_BY, "oasis")
            .endMetadata()
            .withData(after)
            .build();
    client.resource(c).inNamespace(namespace).createOr(NonDeletingOperation::update);
  }

  private static boolean held(Revision r, String key) {
    return r.components().entrySet().stream()
        .anyMatch(e -> Scope.imageKey(e.getKey(), e.getValue()).equals(key));
  }

  private String name() {
    return "oasis." + environment + ".images";
  }
}
