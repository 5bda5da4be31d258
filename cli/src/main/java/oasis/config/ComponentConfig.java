package oasis.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployable service of the trading system.
 *
 * @param module the Maven module that builds it, relative to the project directory
 * @param mainClass the class a target runs
 * @param ports named ports ({@code grpc}, {@code metrics}) on the local target
 * @param dependsOn components and infrastructure that must be ready first
 * @param env environment variables set for it on every environment (values, not secrets)
 * @param resources container limits (docker target), or null for none
 */
public record ComponentConfig(
    String module,
    String mainClass,
    Map<String, Integer> ports,
    List<String> dependsOn,
    Map<String, String> env,
    Resources resources) {

  public ComponentConfig(
      String module,
      String mainClass,
      Map<String, Integer> ports,
      List<String> dependsOn,
      Map<String, String> env) {
    this(module, mainClass, ports, dependsOn, env, null);
  }

  public ComponentConfig {
    ports = ports == null ? Map.of() : new LinkedHashMap<>(ports);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    env = env == null ? Map.of() : new LinkedHashMap<>(env);
  }
}
