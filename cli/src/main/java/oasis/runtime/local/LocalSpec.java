package oasis.runtime.local;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.runtime.InstanceKind;

/**
 * One process the supervisor runs: command, environment, ports and probes, all resolved.
 *
 * @param name instance name
 * @param component component or infrastructure name
 * @param kind what runs (decides the probes)
 * @param track its track
 * @param version the version it is started with
 * @param artifact its artifact digest, or null
 * @param command the command line
 * @param env its environment (on top of the supervisor's own)
 * @param ports named ports it binds
 * @param dependsOn instances that must be ready first
 * @param hash digest of everything above: a changed hash means restart
 * @param variablesFile the owner-only file of the plan's own variables ({@link SealedVariables}),
 *     applied over {@code env}; null for none
 */
public record LocalSpec(
    String name,
    String component,
    InstanceKind kind,
    String track,
    String version,
    String artifact,
    List<String> command,
    Map<String, String> env,
    Map<String, Integer> ports,
    List<String> dependsOn,
    String hash,
    String variablesFile) {

  public LocalSpec {
    command = List.copyOf(command);
    env = new TreeMap<>(env);
    ports = new TreeMap<>(ports);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** A process whose variables are all in {@code env}. */
  public LocalSpec(
      String name,
      String component,
      InstanceKind kind,
      String track,
      String version,
      String artifact,
      List<String> command,
      Map<String, String> env,
      Map<String, Integer> ports,
      List<String> dependsOn,
      String hash) {
    this(
        name, component, kind, track, version, artifact, command, env, ports, dependsOn, hash,
        null);
  }

  /** {@code grpc} port, or null. */
  public Integer grpcPort() {
    return ports.get("grpc");
  }

  /** The HTTP port of {@code /healthz}, {@code /readyz} and {@code /metrics}, or null. */
  public Integer metricsPort() {
    return ports.get("metrics");
  }
}
