package oasis.runtime;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance as a target launches it under the runtime contract: who it is, and the command,
 * variables and ports it starts with, all resolved. Each target wraps it with what only it needs (a
 * process's definition hash, a container's image and labels).
 *
 * @param name instance name
 * @param component component or infrastructure name
 * @param kind what runs (decides the probes)
 * @param track its track
 * @param version the version it is started with
 * @param artifact its artifact digest, or null
 * @param command the command line (a container's: the arguments after the image's entrypoint)
 * @param env its variables
 * @param ports named ports it binds
 * @param dependsOn instances that must be ready first
 */
public record InstanceLaunch(
    // a container's spec in docker.json called it "instance" before the contract was shared
    @JsonAlias("instance") String name,
    String component,
    InstanceKind kind,
    String track,
    String version,
    String artifact,
    List<String> command,
    Map<String, String> env,
    Map<String, Integer> ports,
    List<String> dependsOn) {

  public InstanceLaunch {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : new TreeMap<>(env);
    ports = ports == null ? Map.of() : new TreeMap<>(ports);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** The launch of {@code i} with {@code command}, {@code env} and the {@code ports} it binds. */
  public static InstanceLaunch of(
      PlannedInstance i,
      String version,
      List<String> command,
      Map<String, String> env,
      Map<String, Integer> ports) {
    return new InstanceLaunch(
        i.name(),
        i.component(),
        i.kind(),
        i.track(),
        version,
        i.artifact(),
        command,
        env,
        ports,
        i.dependsOn());
  }

  /** The same instance with other variables. */
  public InstanceLaunch withEnv(Map<String, String> other) {
    return new InstanceLaunch(
        name, component, kind, track, version, artifact, command, other, ports, dependsOn);
  }

  /** Its port named {@code name}, or null. */
  public Integer port(String name) {
    return ports.get(name);
  }

  /**
   * Whether it is a service of {@code component} on {@code track} with a port named {@code port}.
   */
  public boolean serves(String component, String track, String port) {
    return kind == InstanceKind.SERVICE
        && this.component.equals(component)
        && this.track.equals(track)
        && ports.containsKey(port);
  }
}
