package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.artifact.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.config.ProjectConfig;
import oasis.core.Durations;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;

/**
 * One {@code apply} of the docker target: images, the state file, the routes, then the containers
 * in dependency order (unchanged ones keep running, those the plan drops are stopped after the
 * routes no longer name them), each gated on readiness within one deadline.
 */
final class Convergence {

  static final Duration GRACE = Duration.ofSeconds(10);

  private final String env;
  private final Path envDir;
  private final ProjectConfig config;
  private final DockerSettings settings;
  private final Images images;
  private final DockerClient docker;
  private final DockerTraffic traffic;

  Convergence(
      String env,
      Path envDir,
      ProjectConfig config,
      DockerSettings settings,
      Images images,
      DockerClient docker,
      DockerTraffic traffic) {
    this.env = env;
    this.envDir = envDir;
    this.config = config;
    this.settings = settings;
    this.images = images;
    this.docker = docker;
    this.traffic = traffic;
  }

  ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Map<String, String> refs = new LinkedHashMap<>();
    new ImageBuilder(docker, images, progress)
        .ensure(plan)
        .forEach((instance, built) -> refs.put(instance, built.ref()));
    List<ContainerSpec> specs = DockerTraffic.wire(ContainerSpecs.of(plan, config, settings, refs));
    new DockerState(specs, plan.notes()).write(envDir);
    traffic.render(); // before a track's containers stop: no caller keeps a route to them
    Bind routes = traffic.bind();
    Networks.ensure(docker, ContainerSpecs.network(env), env);
    Containers containers = new Containers(docker);
    ContainerReadiness readiness = new ContainerReadiness(containers);
    Set<String> wanted = specs.stream().map(ContainerSpec::container).collect(Collectors.toSet());
    for (Container c : DockerTarget.containersOf(docker, env)) {
      String name = c.getNames()[0].substring(1);
      if (!wanted.contains(name)) {
        progress.accept("  stopping " + name + " (no longer in the plan)");
        containers.remove(name, GRACE);
      }
    }
    Map<String, ContainerSpec> byInstance = new LinkedHashMap<>();
    specs.forEach(s -> byInstance.put(s.instance(), s));
    for (ContainerSpec spec : specs) {
      for (String dep : spec.dependsOn()) {
        ContainerSpec d = byInstance.get(dep);
        if (d != null) {
          String why = readiness.await(d, deadline);
          if (why != null) {
            return ApplyResult.failed(d.instance(), why, containers.tail(d.container(), 20));
          }
        }
      }
      List<Bind> binds = spec.kind() == InstanceKind.SERVICE ? List.of(routes) : List.of();
      String hash = hash(spec, binds);
      InspectContainerResponse existing = containers.inspect(spec.container());
      if (ContainerReadiness.running(existing)
          && hash.equals(existing.getConfig().getLabels().get(ContainerSpecs.SPEC_LABEL))) {
        continue; // unchanged: keeps running
      }
      if (existing != null) {
        progress.accept("  replacing " + spec.container());
        containers.remove(spec.container(), GRACE);
      }
      containers.run(spec, ContainerSpecs.network(env), hash, binds);
      progress.accept("  started " + spec.container() + " (" + spec.image() + ")");
    }
    for (ContainerSpec spec : specs) {
      String why = readiness.await(spec, deadline);
      if (why != null) {
        return ApplyResult.failed(spec.instance(), why, containers.tail(spec.container(), 20));
      }
      progress.accept(
          "  "
              + spec.instance()
              + " ready ("
              + Durations.seconds(Duration.ofNanos(System.nanoTime() - start))
              + ")");
    }
    return ApplyResult.ok();
  }

  /** The spec's digest, with its mounts: a container mounted elsewhere is recreated. */
  private static String hash(ContainerSpec spec, List<Bind> binds) {
    String h = ContainerSpecs.hash(spec);
    if (binds.isEmpty()) {
      return h;
    }
    return ArtifactStore.sha256(
        (h + binds.stream().map(Bind::toString).collect(Collectors.joining(",")))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
