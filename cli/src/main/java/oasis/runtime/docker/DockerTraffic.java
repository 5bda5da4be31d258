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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import oasis.core.AtomicFiles;
import oasis.runtime.Endpoints;
import oasis.runtime.InstanceKind;
import oasis.runtime.Probes;
import oasis.runtime.RoutedTracks;

/**
 * Traffic between tracks on the docker target. The weights ({@code weights.json}) are rendered into
 * {@code .oasis/envs/<env>/traffic/routes}, naming each track's container by its alias and gRPC
 * port on the environment's network. The {@code traffic} directory, not the file, is bind-mounted
 * read-only into every service container at {@link #CONTAINER_DIR}: an atomic rename replaces the
 * file's inode, which a file bind mount would never see, while a directory mount shows the new file
 * at once; the kit's {@code WeightedChannel} re-reads it the moment it changes (a file watch on the
 * mounted directory, or a 50 ms poll where none can be set). Metrics are read on the ports each
 * track's containers publish on 127.0.0.1.
 */
public final class DockerTraffic extends RoutedTracks {

  /** Where the routes directory appears in every service container. */
  static final String CONTAINER_DIR = "/etc/oasis/traffic";

  static final String ROUTES_FILE = CONTAINER_DIR + "/routes";

  private final Path envDir;
  private final Path dir;
  private final Supplier<DockerClient> docker;

  DockerTraffic(Path envDir, Supplier<DockerClient> docker) {
    super(envDir);
    this.envDir = envDir.toAbsolutePath().normalize();
    this.dir = this.envDir.resolve("traffic");
    this.docker = docker;
  }

  /** The routes file on the host. */
  public static Path routesFile(Path envDir) {
    return envDir.toAbsolutePath().normalize().resolve("traffic").resolve("routes");
  }

  /**
   * Every service gets the routes file's path; the wiring to its peers stays as the specs give it
   * (stable by the component's name).
   */
  static List<ContainerSpec> wire(List<ContainerSpec> specs) {
    return specs.stream()
        .map(s -> s.launch().kind() == InstanceKind.SERVICE ? routed(s) : s)
        .toList();
  }

  private static ContainerSpec routed(ContainerSpec s) {
    Map<String, String> env = new TreeMap<>(s.launch().env());
    env.putIfAbsent("OASIS_ROUTES_FILE", ROUTES_FILE);
    return s.withEnv(env);
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
  @Override
  protected void render() {
    DockerState state = DockerState.read(envDir);
    List<ContainerSpec> specs = state == null ? List.of() : state.containers();
    String text =
        weights.routes(
            (component, track) ->
                grpc(specs, component, track)
                    .map(s -> Endpoints.address(s.aliases().get(0), s.port("grpc")))
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
    return published(component, track, "metrics", port -> Endpoints.metrics(Probes.HOST, port));
  }

  /** The gRPC port each of the track's containers publishes on 127.0.0.1. */
  @Override
  public List<String> grpc(String component, String track) {
    return published(component, track, "grpc", port -> Endpoints.address(Probes.HOST, port));
  }

  /** Where the track's containers publish the port named {@code port} on the host. */
  private List<String> published(
      String component, String track, String port, Function<Integer, String> endpoint) {
    DockerState state = DockerState.read(envDir);
    if (state == null) {
      return List.of();
    }
    Containers containers = new Containers(docker.get());
    return served(
        state.containers(),
        ContainerSpec::launch,
        component,
        track,
        port,
        s -> {
          Integer host = ContainerReadiness.published(containers.inspect(s.container()), s, port);
          return host == null ? null : endpoint.apply(host);
        });
  }

  private static java.util.Optional<ContainerSpec> grpc(
      List<ContainerSpec> specs, String component, String track) {
    return specs.stream().filter(s -> s.launch().serves(component, track, "grpc")).findFirst();
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
