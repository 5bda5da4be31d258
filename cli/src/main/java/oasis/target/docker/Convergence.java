package oasis.target.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.config.DockerSettings;
import oasis.config.ProjectConfig;
import oasis.core.Durations;
import oasis.target.ApplyResult;
import oasis.target.Plan;

/**
 * One {@code apply} of the docker target: images, the state file, then the containers in dependency
 * order (unchanged ones keep running, those the plan drops are stopped), each gated on readiness
 * within one deadline.
 */
final class Convergence {

  static final Duration GRACE = Duration.ofSeconds(10);

  private final String env;
  private final Path envDir;
  private final ProjectConfig config;
  private final DockerSettings settings;
  private final Images images;
  private final DockerClient docker;

  Convergence(
      String env,
      Path envDir,
      ProjectConfig config,
      DockerSettings settings,
      Images images,
      DockerClient docker) {
    this.env = env;
    this.envDir = envDir;
    this.config = config;
    this.settings = settings;
    this.images = images;
    this.docker = docker;
  }

  ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Map<String, String> refs = new LinkedHashMap<>();
    new ImageBuilder(docker, images, progress)
        .ensure(plan)
        .forEach((instance, built) -> refs.put(instance, built.ref()));
    List<ContainerSpec> specs = ContainerSpecs.of(plan, config, settings, refs);
    new DockerState(specs, plan.notes()).write(envDir);
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
      String hash = ContainerSpecs.hash(spec);
      InspectContainerResponse existing = containers.inspect(spec.container());
      if (ContainerReadiness.running(existing)
          && hash.equals(existing.getConfig().getLabels().get(ContainerSpecs.SPEC_LABEL))) {
        continue; // unchanged: keeps running
      }
      if (existing != null) {
        progress.accept("  replacing " + spec.container());
        containers.remove(spec.container(), GRACE);
      }
      containers.run(spec, ContainerSpecs.network(env), hash);
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
}
