package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.config.DockerSettings;
import oasis.config.ProjectConfig;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;
import oasis.runtime.ContainerImages;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.RuntimeContract;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.Tracks;

/**
 * The {@code docker} target: every instance a container on the environment's network {@code
 * oasis-<env>}, from images oasis builds (or configured ones), ports published on 127.0.0.1 so the
 * CLI probes them like local processes; the engine restarts crashed containers (restart policy).
 * What it applied is kept in {@code .oasis/envs/<env>/docker.json}; tracks are containers labelled
 * {@code oasis.track}, their traffic split by {@link DockerTraffic}.
 */
public final class DockerTarget implements Target {

  private final String env;
  private final Path envDir;
  private final ProjectConfig config;
  private final DockerSettings settings;
  private final ContainerImages images;
  private final DockerTraffic traffic;
  private DockerClient docker;

  /**
   * @param images the environment's images, which the build makes ({@code oasis.artifact.image})
   */
  public DockerTarget(String env, Path envDir, ProjectConfig config, ContainerImages images) {
    this.env = env;
    this.envDir = envDir.toAbsolutePath().normalize();
    this.config = config;
    this.settings = config.environments().get(env).docker();
    this.images = images;
    this.traffic = new DockerTraffic(this.envDir, this::docker);
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    return RuntimeContract.infrastructure(images.redisAvailable());
  }

  @Override
  public String unavailable(InstanceKind kind) {
    return kind == InstanceKind.REDIS
        ? "no Redis image here: set docker.redisImage in oasis.yaml, or install redis-server for"
            + " oasis to build one"
        : Target.super.unavailable(kind);
  }

  @Override
  public Optional<Tracks> tracks() {
    return Optional.of(traffic);
  }

  private synchronized DockerClient docker() {
    if (docker == null) {
      docker = DockerEngine.connect();
    }
    return docker;
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    return new Convergence(env, envDir, config, settings, images, docker(), traffic)
        .apply(plan, timeout, progress);
  }

  @Override
  public TargetStatus status() {
    DockerState state = DockerState.read(envDir);
    if (state == null) {
      return new TargetStatus(false, List.of(), List.of());
    }
    List<String> notes = new ArrayList<>(state.notes());
    notes.add(
        "containers on network "
            + ContainerSpecs.network(env)
            + ", restart policy "
            + settings.restartPolicy()
            + " (the Docker engine restarts crashed ones)");
    return new TargetStatus(true, new DockerStatus(new Containers(docker())).observe(state), notes);
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    List<Container> ours = containersOf(docker(), env);
    Containers containers = new Containers(docker());
    if (ours.isEmpty()) {
      progress.accept("no container of " + env + " runs");
    }
    // Services first, then what they use (as the local target does); each wave in parallel, so
    // down takes one grace period per wave, not one per container.
    DockerState state = DockerState.read(envDir);
    Set<String> infrastructure =
        state == null
            ? Set.of()
            : state.containers().stream()
                .filter(s -> s.launch().kind() != InstanceKind.SERVICE)
                .map(ContainerSpec::instance)
                .collect(Collectors.toSet());
    Map<Boolean, List<Container>> waves =
        ours.stream()
            .collect(
                Collectors.partitioningBy(
                    c -> infrastructure.contains(c.getLabels().get("oasis.instance"))));
    for (List<Container> wave : List.of(waves.get(false), waves.get(true))) {
      wave.forEach(c -> progress.accept("  stopping " + c.getNames()[0].substring(1)));
      stopAll(containers, wave, grace);
    }
    Networks.remove(docker(), ContainerSpecs.network(env));
    Volumes.removeAll(docker(), env, progress); // the broker's data: down means gone
    try {
      Files.deleteIfExists(envDir.resolve(DockerState.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + envDir.resolve(DockerState.FILE), e);
    }
    traffic.render(); // nothing runs: no route
    List<Container> left = containersOf(docker(), env);
    if (!left.isEmpty()) {
      throw OasisException.failed(
          "containers of "
              + env
              + " survived down: "
              + left.stream().map(x -> x.getNames()[0]).collect(Collectors.joining(", ")),
          "Remove them with 'docker rm -f'.");
    }
  }

  /** Stops and removes {@code wave} concurrently (the engine waits out each grace period). */
  private static void stopAll(Containers containers, List<Container> wave, Duration grace) {
    if (wave.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(wave.size());
    try {
      CompletableFuture.allOf(
              wave.stream()
                  .map(
                      c ->
                          CompletableFuture.runAsync(
                              () -> containers.remove(c.getId(), grace), pool))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      pool.shutdown();
    }
  }

  /** Every container (running or not) labelled with environment {@code env}. */
  static List<Container> containersOf(DockerClient docker, String env) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("oasis.env", env))
        .exec();
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    DockerState state = DockerState.read(envDir);
    ContainerSpec spec = state == null ? null : state.instance(instance).orElse(null);
    if (spec == null) {
      throw OasisException.badInput(
          "no container of '" + instance + "' on " + env,
          state == null
              ? "Nothing has been deployed to this environment yet."
              : "Use one of: "
                  + state.containers().stream()
                      .map(ContainerSpec::instance)
                      .collect(Collectors.joining(", "))
                  + ".");
    }
    try {
      new Containers(docker()).logs(spec.container(), tail, follow, sink);
    } catch (NotFoundException e) {
      throw OasisException.conflict(
          "container " + spec.container() + " is gone", "Deploy again: oasis deploy --env " + env);
    }
  }
}
