package oasis.runtime.docker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.runtime.InstanceKind;

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
 * @param env its variables (wiring, ports and the plan's) except secrets: these are container
 *     configuration, which {@code docker inspect} shows
 * @param ports named container ports, published on 127.0.0.1 (host ports picked free)
 * @param labels {@code oasis.env}, {@code oasis.component}, {@code oasis.version}, {@code
 *     oasis.track}, {@code oasis.instance}
 * @param aliases its names on the environment's network
 * @param dependsOn instance names that must be ready before it starts
 * @param memory the memory limit as written in oasis.yaml, or null
 * @param memoryBytes that limit in bytes, or null
 * @param cpus the CPU limit, or null
 * @param restartPolicy the Docker restart policy
 * @param healthcheck whether its image has the oasis HEALTHCHECK (images oasis builds)
 * @param secrets variables whose names mark a secret ({@link oasis.config.Overrides#isSecret}):
 *     written into the container as {@code /opt/oasis/app/.env} (mode 0400, the image's user),
 *     which the service kit reads, never into its configuration; not kept in {@code docker.json}
 * @param volumes named volumes (name to path in the container), kept across redeploys
 * @param hostAddressVars variables (name to a port name of {@code ports}) that get {@code
 *     127.0.0.1:<host port>} of that port: the address a client on the host is given (Kafka's
 *     external listener)
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
    boolean healthcheck,
    @JsonIgnore Map<String, String> secrets,
    Map<String, String> volumes,
    Map<String, String> hostAddressVars) {

  public ContainerSpec {
    command = command == null ? List.of() : List.copyOf(command);
    env = new TreeMap<>(env);
    ports = new TreeMap<>(ports);
    labels = new TreeMap<>(labels);
    aliases = List.copyOf(aliases);
    dependsOn = List.copyOf(dependsOn);
    secrets = secrets == null ? Map.of() : new TreeMap<>(secrets);
    volumes = volumes == null ? Map.of() : new TreeMap<>(volumes);
    hostAddressVars = hostAddressVars == null ? Map.of() : new TreeMap<>(hostAddressVars);
  }

  /** The port a target probes for readiness and metrics, or null. */
  public Integer port(String name) {
    return ports.get(name);
  }
}
