package oasis.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import oasis.artifact.Buildable;
import oasis.config.ComponentConfig;
import oasis.config.EnvironmentConfig;
import oasis.config.InfrastructureConfig;
import oasis.config.Overrides;
import oasis.config.ProjectConfig;
import oasis.core.OasisException;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;
import oasis.state.ComponentVersion;

/**
 * Turns the project model, an environment, a set of artifacts and {@code --set} overrides into the
 * {@link Plan} a target converges to. Pure: no I/O beyond what its inputs carry.
 */
public final class PlanFactory {

  public static final String STABLE = RuntimeContract.STABLE;

  private PlanFactory() {}

  /**
   * @param versions component name to the version and commit it reports (an unchanged component
   *     keeps the version it was deployed with, so it is not restarted)
   * @param envFileVars the environment's .env variables
   * @param available infrastructure kinds the target can run
   * @param unavailable why the target cannot run a kind, in its own terms ({@link
   *     oasis.runtime.Target#unavailable})
   */
  public static Plan plan(
      ProjectConfig config,
      String envName,
      EnvironmentConfig env,
      Release release,
      Map<String, ComponentVersion> versions,
      Map<String, String> overrides,
      Map<String, String> envFileVars,
      Set<InstanceKind> available,
      Function<InstanceKind, String> unavailable) {
    Parts parts =
        new Parts(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
    for (var e : config.infrastructure().entrySet()) {
      String name = e.getKey();
      InfrastructureConfig infra = e.getValue();
      if ("kafka".equals(infra.kind())) {
        kafka(name, infra, env, release, overrides, parts);
      } else if ("redis".equals(infra.kind())) {
        redis(name, infra, env, overrides, available, unavailable, parts);
      }
    }
    for (var e : config.components().entrySet()) {
      parts
          .instances()
          .add(
              service(
                  e.getKey(), e.getValue(), env, release, versions, overrides, envFileVars, parts));
    }
    return new Plan(envName, release.version(), release.commit(), parts.instances(), parts.notes());
  }

  /**
   * What the plan gathers while it walks the model: the instances, the notes, the variables every
   * service gets, and the infrastructure that runs elsewhere (or not at all).
   */
  private record Parts(
      List<PlannedInstance> instances,
      List<String> notes,
      Map<String, String> shared,
      List<String> absent) {}

  /** The embedded broker, or, with external brokers configured, only their address. */
  private static void kafka(
      String name,
      InfrastructureConfig infra,
      EnvironmentConfig env,
      Release release,
      Map<String, String> overrides,
      Parts parts) {
    String bootstrap = env.kafka().bootstrap();
    if (bootstrap != null && !bootstrap.isBlank()) {
      parts.shared().put("KAFKA_BROKERS", bootstrap);
      parts.absent().add(name);
      parts.notes().add("kafka: external brokers " + bootstrap);
      return;
    }
    Map<String, String> vars = new TreeMap<>();
    vars.put(
        "KAFKA_TOPICS",
        infra.topics().entrySet().stream()
            .map(t -> t.getKey() + ":" + t.getValue().partitions())
            .collect(Collectors.joining(",")));
    vars.putAll(Overrides.of(overrides, name));
    parts
        .instances()
        .add(
            new PlannedInstance(
                name,
                name,
                InstanceKind.KAFKA,
                STABLE,
                artifact(release, name),
                Buildable.EMBEDDED_KAFKA_MAIN,
                vars,
                offset(infra.ports(), env.portOffset()),
                infra.dependsOn()));
  }

  /** redis-server when the target can run it; else in-memory mode, if the project allows it. */
  private static void redis(
      String name,
      InfrastructureConfig infra,
      EnvironmentConfig env,
      Map<String, String> overrides,
      Set<InstanceKind> available,
      Function<InstanceKind, String> unavailable,
      Parts parts) {
    if (!available.contains(InstanceKind.REDIS)) {
      String why = unavailable.apply(InstanceKind.REDIS);
      if (!infra.optional()) {
        throw OasisException.badInput(
            "infrastructure '" + name + "' needs Redis, which cannot run here: " + why,
            "Do that, or mark it 'optional: true' in oasis.yaml (services then keep positions and"
                + " orders in memory).");
      }
      parts.absent().add(name);
      parts
          .notes()
          .add(
              name
                  + ": in-memory mode ("
                  + why
                  + "): services keep positions and orders in memory (RISK_USE_REDIS=0)");
      return;
    }
    parts
        .instances()
        .add(
            new PlannedInstance(
                name,
                name,
                InstanceKind.REDIS,
                STABLE,
                null,
                null,
                Overrides.of(overrides, name),
                offset(infra.ports(), env.portOffset()),
                infra.dependsOn()));
    parts.notes().add(name + ": redis-server (RISK_USE_REDIS=1)");
  }

  /** A service: its variables layered (own, shared, environment, .env, --set), then its version. */
  private static PlannedInstance service(
      String name,
      ComponentConfig c,
      EnvironmentConfig env,
      Release release,
      Map<String, ComponentVersion> versions,
      Map<String, String> overrides,
      Map<String, String> envFileVars,
      Parts parts) {
    Map<String, String> vars = new TreeMap<>(c.env());
    vars.putAll(parts.shared());
    vars.putAll(env.vars());
    vars.putAll(envFileVars);
    vars.putAll(Overrides.of(overrides, name));
    ComponentVersion v =
        versions.getOrDefault(name, new ComponentVersion(release.version(), release.commit()));
    vars.put("OASIS_VERSION", v.version());
    vars.put("OASIS_COMMIT", v.commit());
    List<String> deps = c.dependsOn().stream().filter(d -> !parts.absent().contains(d)).toList();
    return new PlannedInstance(
        name,
        name,
        InstanceKind.SERVICE,
        STABLE,
        artifact(release, name),
        c.mainClass(),
        vars,
        offset(c.ports(), env.portOffset()),
        deps);
  }

  /** Declared ports plus the environment's offset (so it can run beside another). */
  private static Map<String, Integer> offset(Map<String, Integer> ports, int offset) {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    ports.forEach((name, port) -> out.put(name, port + offset));
    return out;
  }

  private static String artifact(Release release, String name) {
    String digest = release.artifacts().get(name);
    if (digest == null) {
      throw OasisException.badInput(
          "version " + release.version() + " has no artifact for '" + name + "'",
          "Build it (oasis build " + name + ") or deploy a release that pins it.");
    }
    return digest;
  }
}
