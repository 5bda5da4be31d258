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
import oasis.runtime.ContainerImages;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;

/**
 * One {@code apply} of the docker target: images, the state file, the routes, then the containers
 * in dependency order (unchanged ones keep running, those the plan drops are stopped after the
 * routes no longer name them), each gated on readiness within one deadline.
 */
record Convergence(
    String env,
    Path envDir,
    ProjectConfig config,
    DockerSettings settings,
    ContainerImages images,
    DockerClient docker,
    DockerTraffic traffic) {

  static final Duration GRACE = Duration.ofSeconds(10);

  ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Map<String, String> refs = images.ensure(plan, progress);
    List<ContainerSpec> specs = DockerTraffic.wire(ContainerSpecs.of(plan, config, settings, refs));
    new DockerState(specs, plan.notes()).write(envDir);
    traffic.render(); // before a track's containers stop: no caller keeps a route to them
    Bind routes = traffic.bind();
    Networks.ensure(docker, ContainerSpecs.network(env), env);
    Containers containers = new Containers(docker);
    ContainerReadiness readiness = new ContainerReadiness(containers);
    removeUnwanted(specs, containers, progress);
    ApplyResult started = start(specs, routes, containers, readiness, deadline, progress);
    if (!started.ready()) {
      return started;
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

  /** Stops the containers of the environment that {@code specs} no longer name. */
  private void removeUnwanted(
      List<ContainerSpec> specs, Containers containers, Consumer<String> progress) {
    Set<String> wanted = specs.stream().map(ContainerSpec::container).collect(Collectors.toSet());
    for (Container c : DockerTarget.containersOf(docker, env)) {
      String name = c.getNames()[0].substring(1);
      if (!wanted.contains(name)) {
        progress.accept("  stopping " + name + " (no longer in the plan)");
        containers.remove(name, GRACE);
      }
    }
  }

  /**
   * Starts each changed container once its dependencies are ready (unchanged ones keep running);
   * fails with the first dependency that is not ready by {@code deadline}.
   */
  private ApplyResult start(
      List<ContainerSpec> specs,
      Bind routes,
      Containers containers,
      ContainerReadiness readiness,
      long deadline,
      Consumer<String> progress) {
    Map<String, ContainerSpec> byInstance = new LinkedHashMap<>();
    specs.forEach(s -> byInstance.put(s.instance(), s));
    for (ContainerSpec spec : specs) {
      for (String dep : spec.launch().dependsOn()) {
        ContainerSpec d = byInstance.get(dep);
        String why = d == null ? null : readiness.await(d, deadline);
        if (why != null) {
          return ApplyResult.failed(d.instance(), why, containers.tail(d.container(), 20));
        }
      }
      List<Bind> binds = spec.launch().kind() == InstanceKind.SERVICE ? List.of(routes) : List.of();
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
