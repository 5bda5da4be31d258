package oasis.target.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.build.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.config.ProjectConfig;
import oasis.core.AtomicFiles;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.ops.v1.ServiceInfo;
import oasis.target.ApplyResult;
import oasis.target.InstanceKind;
import oasis.target.InstanceStatus;
import oasis.target.Plan;
import oasis.target.Target;
import oasis.target.TargetStatus;
import oasis.target.local.Probes;

/**
 * The {@code docker} target: every instance a container on the environment's network {@code
 * oasis-<env>}, from images oasis builds (or configured ones), ports published on 127.0.0.1 so the
 * CLI probes them like local processes; the engine restarts crashed containers (restart policy).
 * What it applied is kept in {@code .oasis/envs/<env>/docker.json}.
 */
public final class DockerTarget implements Target {

  static final String KAFKA_READY_LINE = "oasis-kafka ready";
  private static final long POLL_MS = 200;

  private final String env;
  private final Path stateFile;
  private final ProjectConfig config;
  private final DockerSettings settings;
  private final Images images;
  private DockerClient docker;

  public DockerTarget(
      String env, Path envDir, Path projectDir, Path stateDir, ProjectConfig config) {
    this.env = env;
    this.stateFile = envDir.resolve("docker.json");
    this.config = config;
    this.settings = config.environments().get(env).docker();
    this.images =
        new Images(projectDir, new ArtifactStore(stateDir), settings, stateDir.resolve("docker"));
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    Set<InstanceKind> kinds = EnumSet.of(InstanceKind.KAFKA);
    if (settings.redisImage() != null || Images.RedisBinary.available()) {
      kinds.add(InstanceKind.REDIS);
    }
    return kinds;
  }

  private DockerClient docker() {
    if (docker == null) {
      docker = DockerEngine.connect();
    }
    return docker;
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Map<String, String> refs = new LinkedHashMap<>();
    new ImageBuilder(docker(), images, progress)
        .ensure(plan)
        .forEach((instance, built) -> refs.put(instance, built.ref()));
    List<ContainerSpec> specs = ContainerSpecs.of(plan, config, settings, refs);
    // owner-only: the specs carry the .env's values that containers get at run time
    AtomicFiles.write(stateFile, Json.bytes(new DockerState(specs, plan.notes())), true);
    Networks.ensure(docker(), ContainerSpecs.network(env), env);
    Containers containers = new Containers(docker());
    Set<String> wanted = specs.stream().map(ContainerSpec::container).collect(Collectors.toSet());
    for (Container c : ours()) {
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
          String why = awaitReady(containers, d, deadline);
          if (why != null) {
            return ApplyResult.failed(d.instance(), why, containers.tail(d.container(), 20));
          }
        }
      }
      String hash = ContainerSpecs.hash(spec);
      InspectContainerResponse existing = containers.inspect(spec.container());
      if (existing != null
          && Boolean.TRUE.equals(existing.getState().getRunning())
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
      String why = awaitReady(containers, spec, deadline);
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

  static final Duration GRACE = Duration.ofSeconds(10);

  private String awaitReady(Containers containers, ContainerSpec spec, long deadline) {
    String why;
    do {
      InspectContainerResponse c = containers.inspect(spec.container());
      why = notReady(containers, spec, c);
      if (why == null || exited(c)) {
        return why;
      }
      sleep(POLL_MS);
    } while (System.nanoTime() < deadline);
    return why + " (still not ready when the timeout ran out)";
  }

  private static boolean exited(InspectContainerResponse c) {
    return c == null
        || !Boolean.TRUE.equals(c.getState().getRunning())
            && !Boolean.TRUE.equals(c.getState().getRestarting())
            && "exited".equals(c.getState().getStatus());
  }

  /** Null when ready, else why not: names the container, or the host and port probed. */
  String notReady(Containers containers, ContainerSpec spec, InspectContainerResponse c) {
    if (c == null) {
      return "container " + spec.container() + " does not exist";
    }
    if (!Boolean.TRUE.equals(c.getState().getRunning())) {
      return "container "
          + spec.container()
          + " is "
          + c.getState().getStatus()
          + (c.getState().getExitCodeLong() == null
              ? ""
              : " (exit code " + c.getState().getExitCodeLong() + ")");
    }
    return switch (spec.kind()) {
      case SERVICE -> {
        Integer metrics = published(c, spec, "metrics");
        Integer grpc = published(c, spec, "grpc");
        String why = metrics == null ? null : Probes.http(metrics, "/readyz");
        if (why == null && grpc != null) {
          why = Probes.grpcHealth(grpc);
        }
        yield why;
      }
      case KAFKA -> {
        Integer port = published(c, spec, "bootstrap");
        if (containers.tail(spec.container(), 400).stream()
            .noneMatch(l -> l.contains(KAFKA_READY_LINE))) {
          yield "no '" + KAFKA_READY_LINE + "' line yet in the log of " + spec.container();
        }
        yield port == null ? "bootstrap port not published" : Probes.tcp(port);
      }
      case REDIS -> {
        Integer port = published(c, spec, "redis");
        yield port == null ? "redis port not published" : Probes.redisPing(port);
      }
    };
  }

  private static Integer published(InspectContainerResponse c, ContainerSpec spec, String name) {
    Integer port = spec.port(name);
    return port == null ? null : Containers.hostPort(c, port);
  }

  @Override
  public TargetStatus status() {
    DockerState state = Json.read(stateFile, DockerState.class);
    if (state == null) {
      return new TargetStatus(false, List.of(), List.of());
    }
    Containers containers = new Containers(docker());
    List<InstanceStatus> out = new ArrayList<>();
    for (ContainerSpec spec : state.containers()) {
      InspectContainerResponse c = containers.inspect(spec.container());
      boolean running = c != null && Boolean.TRUE.equals(c.getState().getRunning());
      String why = notReady(containers, spec, c);
      String version = spec.version();
      Integer grpc = running ? published(c, spec, "grpc") : null;
      if (why == null && spec.kind() == InstanceKind.SERVICE && grpc != null) {
        ServiceInfo info = Probes.info(grpc);
        if (info != null && !info.getVersion().isEmpty()) {
          version = info.getVersion();
        }
      }
      Map<String, String> endpoints = new LinkedHashMap<>();
      if (running) {
        spec.ports()
            .forEach(
                (n, port) -> {
                  Integer host = Containers.hostPort(c, port);
                  if (host != null) {
                    endpoints.put(
                        n,
                        switch (n) {
                          case "metrics" -> "http://127.0.0.1:" + host + "/metrics";
                          case "redis" -> "redis://127.0.0.1:" + host;
                          default -> "127.0.0.1:" + host;
                        });
                  }
                });
      }
      out.add(
          new InstanceStatus(
              spec.instance(),
              spec.component(),
              spec.kind(),
              spec.track(),
              version,
              spec.artifact(),
              running,
              running && why == null,
              why,
              c == null || c.getRestartCount() == null ? 0 : c.getRestartCount(),
              running ? c.getState().getPidLong() : null,
              endpoints));
    }
    List<String> notes = new ArrayList<>(state.notes());
    notes.add(
        "containers on network "
            + ContainerSpecs.network(env)
            + ", restart policy "
            + settings.restartPolicy()
            + " (the Docker engine restarts crashed ones)");
    return new TargetStatus(true, out, notes);
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    List<Container> ours = ours();
    Containers containers = new Containers(docker());
    if (ours.isEmpty()) {
      progress.accept("no container of " + env + " runs");
    }
    for (Container c : ours) {
      String name = c.getNames()[0].substring(1);
      progress.accept("  stopping " + name);
      containers.remove(c.getId(), grace);
    }
    Networks.remove(docker(), ContainerSpecs.network(env));
    try {
      Files.deleteIfExists(stateFile);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot remove " + stateFile, e);
    }
    List<Container> left = ours();
    if (!left.isEmpty()) {
      throw OasisException.failed(
          "containers of "
              + env
              + " survived down: "
              + left.stream().map(x -> x.getNames()[0]).collect(Collectors.joining(", ")),
          "Remove them with 'docker rm -f'.");
    }
  }

  /** Every container (running or not) labelled with this environment. */
  private List<Container> ours() {
    return docker()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("oasis.env", env))
        .exec();
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    DockerState state = Json.read(stateFile, DockerState.class);
    ContainerSpec spec =
        state == null
            ? null
            : state.containers().stream()
                .filter(s -> s.instance().equals(instance))
                .findFirst()
                .orElse(null);
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

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }
}
