package oasis.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code oasis.yaml} model: the components, the infrastructure they need, the environments, how
 * releases are versioned, and what smoke tests hold a running environment to.
 */
public record ProjectConfig(
    String project,
    String defaultEnvironment,
    Map<String, ComponentConfig> components,
    Map<String, InfrastructureConfig> infrastructure,
    Map<String, EnvironmentConfig> environments,
    ReleaseConfig release,
    SmokeConfig smoke) {

  public ProjectConfig {
    components = components == null ? Map.of() : new LinkedHashMap<>(components);
    infrastructure = infrastructure == null ? Map.of() : new LinkedHashMap<>(infrastructure);
    environments = environments == null ? Map.of() : new LinkedHashMap<>(environments);
    release = release == null ? ReleaseConfig.defaults() : release;
    smoke = smoke == null ? SmokeConfig.defaults() : smoke;
  }
}
