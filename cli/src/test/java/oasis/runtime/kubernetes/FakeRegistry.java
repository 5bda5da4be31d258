package oasis.runtime.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import oasis.artifact.ArtifactStore;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RegistryImages;

/**
 * One checkout's pushes to a registry, for tests against the mock API server (no image is pulled
 * there): a push gives a digest of the registry, component and artifact, and is counted, so a test
 * sees whether an image was pushed again. {@code ServiceImagePushIT} pushes to a real registry.
 */
final class FakeRegistry implements RegistryImages {

  /** Registry and image key to reference, as this checkout's record holds them. */
  final Map<String, String> record = new ConcurrentHashMap<>();

  /** Every reference pushed, in order. */
  final List<String> pushes = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> known(String registry, List<PlannedInstance> services) {
    Map<String, String> out = new TreeMap<>();
    for (PlannedInstance i : services) {
      String ref = record.get(registry + "|" + Scope.imageKey(i.component(), i.artifact()));
      if (ref != null) {
        out.put(i.name(), ref);
      }
    }
    return out;
  }

  @Override
  public Map<String, String> push(
      String registry, List<PlannedInstance> services, Consumer<String> progress) {
    Map<String, String> out = new TreeMap<>(known(registry, services));
    for (PlannedInstance i : services) {
      if (out.containsKey(i.name())) {
        continue;
      }
      String ref = ref(registry, i.component(), i.artifact());
      record.put(registry + "|" + Scope.imageKey(i.component(), i.artifact()), ref);
      pushes.add(ref);
      out.put(i.name(), ref);
    }
    return out;
  }

  /** The reference a push of {@code component}'s image of {@code artifact} gets. */
  static String ref(String registry, String component, String artifact) {
    String key = registry + "|" + Scope.imageKey(component, artifact);
    return registry
        + "/"
        + component
        + "@sha256:"
        + ArtifactStore.sha256(key.getBytes(StandardCharsets.UTF_8));
  }
}
