package oasis.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One process (or container, or pod) that a plan asks for.
 *
 * @param name unique in the plan: the component name on the stable track, {@code name@track} else
 * @param component the component or infrastructure name of {@code oasis.yaml}
 * @param kind what runs
 * @param track {@code stable} (canary, blue, green later)
 * @param artifact the artifact digest, null for programs the target brings (redis-server)
 * @param mainClass the class to run, null when {@code artifact} is null
 * @param env environment variables the project asks for; the target adds its wiring (ports,
 *     addresses of Kafka, Redis and gRPC peers)
 * @param ports named ports as declared; a target may bind others and says which in its status
 * @param dependsOn instance names that must be ready before this one counts as ready
 */
public record PlannedInstance(
    String name,
    String component,
    InstanceKind kind,
    String track,
    String artifact,
    String mainClass,
    Map<String, String> env,
    Map<String, Integer> ports,
    List<String> dependsOn) {

  public PlannedInstance {
    env = env == null ? Map.of() : new TreeMap<>(env);
    ports = ports == null ? Map.of() : new TreeMap<>(ports);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  // Written out, not the record's own: that one is bootstrapped through invokedynamic
  // (java.lang.runtime.ObjectMethods), which costs a cold JVM about a third of a second on the
  // first comparison, and every rollback and deploy plan compares instances (Plan.changedIn).
  @Override
  public boolean equals(Object o) {
    return o instanceof PlannedInstance p
        && Objects.equals(name, p.name)
        && Objects.equals(component, p.component)
        && kind == p.kind
        && Objects.equals(track, p.track)
        && Objects.equals(artifact, p.artifact)
        && Objects.equals(mainClass, p.mainClass)
        && env.equals(p.env)
        && ports.equals(p.ports)
        && dependsOn.equals(p.dependsOn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, component, kind, track, artifact, mainClass, env, ports, dependsOn);
  }
}
