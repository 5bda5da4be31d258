package oasis.runtime.kubernetes;

import oasis.config.EnvironmentConfig;
import oasis.config.KubernetesSettings;
import oasis.config.ProjectConfig;

/**
 * What the manifests of one environment are rendered from.
 *
 * @param env the environment's name
 * @param config the project model
 * @param environment the environment's settings
 */
record Scope(String env, ProjectConfig config, EnvironmentConfig environment) {

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

  /** The image of a component's artifact: content-addressed, never a moving tag. */
  String image(String component, String artifact) {
    String registry = settings().registry() == null ? "oasis" : settings().registry();
    String digest =
        artifact.contains(":") ? artifact.substring(artifact.indexOf(':') + 1) : artifact;
    return registry + "/" + component + ":" + digest.substring(0, Math.min(20, digest.length()));
  }
}
