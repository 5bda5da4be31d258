package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import oasis.core.AtomicFiles;
import oasis.runtime.InstanceKind;
import oasis.runtime.Tracks;
import oasis.runtime.TrafficWeights;

/**
 * Traffic between tracks on the docker target. The weights ({@code weights.json}) are rendered into
 * {@code .oasis/envs/<env>/traffic/routes}, naming each track's container by its alias and gRPC
 * port on the environment's network. The {@code traffic} directory, not the file, is bind-mounted
 * read-only into every service container at {@link #CONTAINER_DIR}: an atomic rename replaces the
 * file's inode, which a file bind mount would never see, while a directory mount shows the new file
 * at once; the kit's {@code WeightedChannel} re-reads it every 200 ms. Metrics are read on the
 * ports each track's containers publish on 127.0.0.1.
 */
public final class DockerTraffic implements Tracks {

  /** Where the routes directory appears in every service container. */
  static final String CONTAINER_DIR = "/etc/oasis/traffic";

  static final String ROUTES_FILE = CONTAINER_DIR + "/routes";

  private final Path envDir;
  private final Path dir;
  private final TrafficWeights weights;
  private final Supplier<DockerClient> docker;

  DockerTraffic(Path envDir, Supplier<DockerClient> docker) {
    this.envDir = envDir.toAbsolutePath().normalize();
    this.dir = this.envDir.resolve("traffic");
    this.weights = new TrafficWeights(this.envDir);
    this.docker = docker;
  }

  /** The routes file on the host. */
  public static Path routesFile(Path envDir) {
    return envDir.toAbsolutePath().normalize().resolve("traffic").resolve("routes");
  }

  @Override
  public void setWeight(String track, int weight, Collection<String> components) {
    weights.set(track, weight, components);
    render();
  }

  /** The weights in force: component to track to percent (stable has the rest). */
  public Map<String, Map<String, Integer>> weights() {
    return weights.read();
  }

  /**
   * Every service gets the routes file's path; the wiring to its peers stays as the specs give it
   * (stable by the component's name).
   */
  static List<ContainerSpec> wire(List<ContainerSpec> specs) {
    return specs.stream().map(s -> s.kind() == InstanceKind.SERVICE ? routed(s) : s).toList();
  }

  private static ContainerSpec routed(ContainerSpec s) {
    Map<String, String> env = new TreeMap<>(s.env());
    env.putIfAbsent("OASIS_ROUTES_FILE", ROUTES_FILE);
    return new ContainerSpec(
        s.instance(),
        s.component(),
        s.kind(),
        s.track(),
        s.version(),
        s.artifact(),
        s.container(),
        s.image(),
        s.command(),
        env,
        s.ports(),
        s.labels(),
        s.aliases(),
        s.dependsOn(),
        s.memory(),
        s.memoryBytes(),
        s.cpus(),
        s.restartPolicy(),
        s.healthcheck(),
        s.secrets(),
        s.volumes(),
        s.hostAddressVars());
  }

  /** The read-only bind mount of the routes directory, created (world-readable) when missing. */
  Bind bind() {
    ensureDir();
    return new Bind(dir.toString(), new Volume(CONTAINER_DIR), AccessMode.ro);
  }

  /**
   * Writes the routes from the weights and the containers the last applied state names: a track
   * that is not in it gets no route, so a stopped one never keeps one.
   */
  void render() {
    DockerState state = DockerState.read(envDir);
    List<ContainerSpec> specs = state == null ? List.of() : state.containers();
    String text =
        weights.routes(
            (component, track) ->
                grpc(specs, component, track)
                    .map(s -> s.aliases().get(0) + ":" + s.port("grpc"))
                    .orElse(null));
    ensureDir();
    Path file = dir.resolve("routes");
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    try {
      // the services run as user 65532: they must read what this (other) user wrote
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + file + " readable for the containers", e);
    }
  }

  @Override
  public List<String> metrics(String component, String track) {
    DockerState state = DockerState.read(envDir);
    if (state == null) {
      return List.of();
    }
    Containers containers = new Containers(docker.get());
    return state.containers().stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE && s.port("metrics") != null)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .map(s -> ContainerReadiness.published(containers.inspect(s.container()), s, "metrics"))
        .filter(java.util.Objects::nonNull)
        .map(port -> "http://127.0.0.1:" + port + "/metrics")
        .toList();
  }

  /** The gRPC port each of the track's containers publishes on 127.0.0.1. */
  @Override
  public List<String> grpc(String component, String track) {
    DockerState state = DockerState.read(envDir);
    if (state == null) {
      return List.of();
    }
    Containers containers = new Containers(docker.get());
    return state.containers().stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE && s.port("grpc") != null)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .map(s -> ContainerReadiness.published(containers.inspect(s.container()), s, "grpc"))
        .filter(java.util.Objects::nonNull)
        .map(port -> "127.0.0.1:" + port)
        .toList();
  }

  private static java.util.Optional<ContainerSpec> grpc(
      List<ContainerSpec> specs, String component, String track) {
    return specs.stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE && s.port("grpc") != null)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .findFirst();
  }

  private void ensureDir() {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
