package oasis.runtime.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oasis.artifact.ArtifactStore;
import oasis.core.Json;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Probes;
import oasis.runtime.RuntimeContract;
import oasis.runtime.ServiceEnvironment;

/**
 * The processes of a plan on the local target: the runtime contract's variables and arguments of
 * each instance, at the loopback ports the local target gives it, as a java or redis-server command
 * line; the plan's own variables sealed in an owner-only file. {@code security} is null when the
 * environment runs in plaintext.
 */
record LocalSpecs(
    LocalFiles files,
    ArtifactStore store,
    String java,
    LocalSecurity security,
    SealedVariables sealed)
    implements Placement.Specs {

  /**
   * Each process binds its {@code own} ports; its peers are wired to their {@code home} ports (a
   * replacement serving elsewhere is reached through the routes file).
   */
  @Override
  public List<LocalSpec> of(
      Plan plan, Map<String, Map<String, Integer>> home, Map<String, Map<String, Integer>> own) {
    Map<String, String> wiring =
        ServiceEnvironment.wiring(plan, i -> home.get(i.name()), i -> Probes.HOST);
    List<LocalSpec> specs = new ArrayList<>();
    for (PlannedInstance i : plan.instances()) {
      specs.add(spec(i, own.get(i.name()), wiring));
    }
    return specs;
  }

  private LocalSpec spec(PlannedInstance i, Map<String, Integer> p, Map<String, String> wiring) {
    Map<String, String> env =
        RuntimeContract.environment(i, p, wiring, files.data(i.name()).toString());
    if (i.kind() != InstanceKind.REDIS) {
      secure(i, env);
    }
    if (i.kind() == InstanceKind.SERVICE) {
      env.put("OASIS_ROUTES_FILE", LocalTraffic.routesFile(files.dir()).toString());
    }
    List<String> cmd = i.kind() == InstanceKind.REDIS ? redis(i, p) : javaCommand(i);
    // the plan's own variables (resolved secrets among them) go to an owner-only file
    env.keySet().removeAll(i.env().keySet());
    String variablesFile = i.env().isEmpty() ? null : sealed.seal(i.name(), i.env());
    String version = i.env().getOrDefault("OASIS_VERSION", "");
    return new LocalSpec(
        InstanceLaunch.of(i, version, cmd, env, p), hash(i, cmd, env, p), variablesFile);
  }

  /** The certificates and logins of a secured environment; a service reaches Redis over TLS. */
  private void secure(PlannedInstance i, Map<String, String> env) {
    if (security == null) {
      return;
    }
    env.putAll(security.env(i));
    if (i.kind() == InstanceKind.SERVICE) {
      env.computeIfPresent("REDIS_URL", (k, url) -> url.replaceFirst("^redis://", "rediss://"));
    }
  }

  private List<String> redis(PlannedInstance i, Map<String, Integer> p) {
    List<String> listen = new ArrayList<>(List.of("--bind", Probes.HOST));
    listen.addAll(
        security == null
            ? List.of("--port", String.valueOf(p.get("redis")))
            : security.redisArguments(i, p.get("redis")));
    List<String> cmd = new ArrayList<>(List.of("redis-server"));
    cmd.addAll(RuntimeContract.redisArguments(listen, files.work(i.name()).toString()));
    return cmd;
  }

  /** A digest of everything that defines the process: a changed one restarts it. */
  private String hash(
      PlannedInstance i, List<String> cmd, Map<String, String> env, Map<String, Integer> p) {
    List<Object> definition =
        new ArrayList<>(
            List.of(
                i.name(),
                i.kind(),
                i.artifact() == null ? "" : i.artifact(),
                cmd,
                env,
                p,
                sealed.digest(i.env())));
    if (security != null) {
      definition.add(security.generation()); // renewed certificates restart every process
    }
    return ArtifactStore.sha256(Json.bytes(definition));
  }

  private List<String> javaCommand(PlannedInstance i) {
    if (i.artifact() == null) {
      throw new IllegalStateException(i.name() + " has no artifact");
    }
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
    if (i.kind() == InstanceKind.SERVICE) {
      // Start-up over peak throughput on a small machine, as the testkit runs the services; the
      // broker keeps the full JIT.
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.addAll(
        List.of("-Doasis.env=" + files.dir(), "-cp", store.classPath(i.artifact()), i.mainClass()));
    return cmd;
  }
}
