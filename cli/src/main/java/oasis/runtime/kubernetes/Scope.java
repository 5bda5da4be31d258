package oasis.runtime.kubernetes;

import java.util.List;
import java.util.Map;
import oasis.config.EnvironmentConfig;
import oasis.config.KubernetesSettings;
import oasis.config.ProjectConfig;
import oasis.core.OasisException;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;

/**
 * What the manifests of one environment are rendered from.
 *
 * @param env the environment's name
 * @param config the project model
 * @param environment the environment's settings
 * @param images each service image's reference by digest, by {@link #imageKey}
 */
record Scope(
    String env, ProjectConfig config, EnvironmentConfig environment, Map<String, String> images) {

  Scope {
    images = Map.copyOf(images);
  }

  Scope(String env, ProjectConfig config, EnvironmentConfig environment) {
    this(env, config, environment, Map.of());
  }

  Scope withImages(Map<String, String> refs) {
    return new Scope(env, config, environment, refs);
  }

  String namespace() {
    return environment.namespace();
  }

  KubernetesSettings settings() {
    return environment.kubernetes();
  }

  boolean strimzi() {
    String bootstrap = environment.kafka().bootstrap();
    return KubernetesSettings.STRIMZI.equals(settings().kafka().provider())
        && (bootstrap == null || bootstrap.isBlank());
  }

  boolean ownRedis() {
    return KubernetesSettings.STATEFULSET.equals(settings().redis().provider());
  }

  /** The image of a component's artifact, by digest: never a moving tag. */
  String image(String component, String artifact) {
    String ref = images.get(imageKey(component, artifact));
    if (ref == null) {
      throw OasisException.conflict(
          "no image of "
              + component
              + " (artifact "
              + hex(artifact).substring(0, 12)
              + ") was pushed to "
              + registry(),
          "Run 'oasis build --images --push --env " + env + "', then this command again.");
    }
    return ref;
  }

  /** The registry the service images are pushed to ({@code kubernetes.registry}): required. */
  String registry() {
    String registry = settings().registry();
    if (registry == null) {
      throw OasisException.badInput(
          "environment '" + env + "' names no kubernetes.registry for its images",
          "Set kubernetes.registry in oasis.yaml, e.g. registry.example.com/oasis.");
    }
    return registry;
  }

  /** The services of {@code plan}: the instances that run an image of their own. */
  static List<PlannedInstance> services(Plan plan) {
    return plan.instances().stream().filter(i -> i.kind() == InstanceKind.SERVICE).toList();
  }

  /** Puts {@code byName} (instance name to reference) into {@code into} by image key. */
  static void keyed(
      List<PlannedInstance> services, Map<String, String> byName, Map<String, String> into) {
    for (PlannedInstance i : services) {
      String ref = byName.get(i.name());
      if (ref != null) {
        into.put(imageKey(i.component(), i.artifact()), ref);
      }
    }
  }

  /** The key of a component's image by its artifact: {@code component.<sha256 hex>}. */
  static String imageKey(String component, String artifact) {
    return component + "." + hex(artifact);
  }

  private static String hex(String artifact) {
    return artifact.substring(artifact.indexOf(':') + 1);
  }
}
