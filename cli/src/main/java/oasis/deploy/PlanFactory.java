package oasis.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import oasis.state.ComponentVersion;

/**
 * Turns the project model, an environment, a set of artifacts and {@code --set} overrides into the
 * {@link Plan} a target converges to. Pure: no I/O beyond what its inputs carry.
 */
public final class PlanFactory {

  public static final String STABLE = "stable";

  private PlanFactory() {}

  /**
   * @param versions component name to the version and commit it reports (an unchanged component
   *     keeps the version it was deployed with, so it is not restarted)
   * @param envFileVars the environment's .env variables
   * @param available infrastructure kinds the target can run
   */
  public static Plan plan(
      ProjectConfig config,
      String envName,
      EnvironmentConfig env,
      Release release,
      Map<String, ComponentVersion> versions,
      Map<String, String> overrides,
      Map<String, String> envFileVars,
      Set<InstanceKind> available) {
    List<PlannedInstance> instances = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> shared = new LinkedHashMap<>();
    List<String> absent = new ArrayList<>();
    for (var e : config.infrastructure().entrySet()) {
      String name = e.getKey();
      InfrastructureConfig infra = e.getValue();
      if ("kafka".equals(infra.kind())) {
        String bootstrap = env.kafka().bootstrap();
        if (bootstrap != null && !bootstrap.isBlank()) {
          shared.put("KAFKA_BROKERS", bootstrap);
          absent.add(name);
          notes.add("kafka: external brokers " + bootstrap);
          continue;
        }
        Map<String, String> vars = new TreeMap<>();
        vars.put(
            "KAFKA_TOPICS",
            infra.topics().entrySet().stream()
                .map(t -> t.getKey() + ":" + t.getValue().partitions())
                .collect(Collectors.joining(",")));
        vars.putAll(Overrides.of(overrides, name));
        instances.add(
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
      } else if ("redis".equals(infra.kind())) {
        if (!available.contains(InstanceKind.REDIS)) {
          if (!infra.optional()) {
            throw OasisException.badInput(
                "infrastructure '" + name + "' needs redis-server, which is not on PATH",
                "Install it (apt-get install redis-server), or mark it 'optional: true' in oasis.yaml.");
          }
          absent.add(name);
          notes.add(
              name
                  + ": in-memory mode (redis-server is not on PATH): services keep positions and"
                  + " orders in memory (RISK_USE_REDIS=0)");
          continue;
        }
        instances.add(
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
        notes.add(name + ": redis-server (RISK_USE_REDIS=1)");
      }
    }
    for (var e : config.components().entrySet()) {
      String name = e.getKey();
      ComponentConfig c = e.getValue();
      Map<String, String> vars = new TreeMap<>(c.env());
      vars.putAll(shared);
      vars.putAll(env.vars());
      vars.putAll(envFileVars);
      vars.putAll(Overrides.of(overrides, name));
      ComponentVersion v =
          versions.getOrDefault(name, new ComponentVersion(release.version(), release.commit()));
      vars.put("OASIS_VERSION", v.version());
      vars.put("OASIS_COMMIT", v.commit());
      List<String> deps = c.dependsOn().stream().filter(d -> !absent.contains(d)).toList();
      instances.add(
          new PlannedInstance(
              name,
              name,
              InstanceKind.SERVICE,
              STABLE,
              artifact(release, name),
              c.mainClass(),
              vars,
              offset(c.ports(), env.portOffset()),
              deps));
    }
    return new Plan(envName, release.version(), release.commit(), instances, notes);
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
