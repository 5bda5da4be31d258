package oasis.target.docker;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.target.InstanceKind;

/**
 * One container of an environment as the docker target creates it and the compose export writes it.
 *
 * @param instance the plan's instance name
 * @param component its component or infrastructure name
 * @param kind what runs
 * @param track its track
 * @param version the version it reports (label {@code oasis.version})
 * @param artifact the artifact digest, or null
 * @param container the container name, {@code oasis-<env>-<instance>}
 * @param image the image reference
 * @param command arguments after the image's entrypoint, empty for none
 * @param env its variables (wiring, ports and the plan's; secrets from the .env included)
 * @param ports named container ports, published on 127.0.0.1
 * @param labels {@code oasis.env}, {@code oasis.component}, {@code oasis.version}, {@code
 *     oasis.track}, {@code oasis.instance}
 * @param aliases its names on the environment's network
 * @param dependsOn instance names that must be ready before it starts
 * @param memory the memory limit as written in oasis.yaml, or null
 * @param memoryBytes that limit in bytes, or null
 * @param cpus the CPU limit, or null
 * @param restartPolicy the Docker restart policy
 * @param healthcheck whether its image has the oasis HEALTHCHECK (images oasis builds)
 */
public record ContainerSpec(
    String instance,
    String component,
    InstanceKind kind,
    String track,
    String version,
    String artifact,
    String container,
    String image,
    List<String> command,
    Map<String, String> env,
    Map<String, Integer> ports,
    Map<String, String> labels,
    List<String> aliases,
    List<String> dependsOn,
    String memory,
    Long memoryBytes,
    Double cpus,
    String restartPolicy,
    boolean healthcheck) {

  public ContainerSpec {
    command = command == null ? List.of() : List.copyOf(command);
    env = new TreeMap<>(env);
    ports = new TreeMap<>(ports);
    labels = new TreeMap<>(labels);
    aliases = List.copyOf(aliases);
    dependsOn = List.copyOf(dependsOn);
  }

  /** The port a target probes for readiness and metrics, or null. */
  public Integer port(String name) {
    return ports.get(name);
  }
}
