package oasis.runtime.docker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.runtime.InstanceLaunch;

/**
 * One container of an environment as the docker target creates it and the compose export writes it.
 *
 * @param launch the instance under the runtime contract: its command (arguments after the image's
 *     entrypoint, empty for none), its variables (wiring, ports and the plan's) except secrets,
 *     which are container configuration that {@code docker inspect} shows, and its named container
 *     ports, published on 127.0.0.1 (host ports picked free)
 * @param container the container name, {@code oasis-<env>-<instance>}
 * @param image the image reference
 * @param labels {@code oasis.env}, {@code oasis.component}, {@code oasis.version}, {@code
 *     oasis.track}, {@code oasis.instance}
 * @param aliases its names on the environment's network
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
    @JsonUnwrapped InstanceLaunch launch,
    String container,
    String image,
    Map<String, String> labels,
    List<String> aliases,
    String memory,
    Long memoryBytes,
    Double cpus,
    String restartPolicy,
    boolean healthcheck,
    @JsonIgnore Map<String, String> secrets,
    Map<String, String> volumes,
    Map<String, String> hostAddressVars) {

  public ContainerSpec {
    labels = new TreeMap<>(labels);
    aliases = List.copyOf(aliases);
    secrets = secrets == null ? Map.of() : new TreeMap<>(secrets);
    volumes = volumes == null ? Map.of() : new TreeMap<>(volumes);
    hostAddressVars = hostAddressVars == null ? Map.of() : new TreeMap<>(hostAddressVars);
  }

  /** The instance's name in the plan. */
  public String instance() {
    return launch.name();
  }

  /** The port a target probes for readiness and metrics, or null. */
  public Integer port(String name) {
    return launch.port(name);
  }

  /** The same container with {@code other} variables. */
  ContainerSpec withEnv(Map<String, String> other) {
    return new ContainerSpec(
        launch.withEnv(other),
        container,
        image,
        labels,
        aliases,
        memory,
        memoryBytes,
        cpus,
        restartPolicy,
        healthcheck,
        secrets,
        volumes,
        hostAddressVars);
  }
}
