package oasis.runtime.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import oasis.core.AtomicFiles;
import oasis.runtime.InstanceKind;
import oasis.runtime.Tracks;
import oasis.runtime.TrafficWeights;

/**
 * Traffic weights on the local target: kept in {@code weights.json} and rendered, with the gRPC
 * ports of the instances that run, into the {@code routes} file that every service reads live
 * ({@code OASIS_ROUTES_FILE}; format in services/README.md). Rendered again whenever the target
 * applies a plan, so a track that is stopped never keeps a route.
 */
public final class LocalTraffic implements Tracks {

  private final LocalFiles files;
  private final TrafficWeights weights;

  public LocalTraffic(Path envDir) {
    this.files = new LocalFiles(envDir);
    this.weights = new TrafficWeights(envDir);
  }

  /** The routes file of an environment. */
  public static Path routesFile(Path envDir) {
    return envDir.toAbsolutePath().normalize().resolve("routes");
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

  /** Writes the routes file from the weights and the instances the desired state names. */
  void render() {
    LocalDesired desired = files.readDesired();
    List<LocalSpec> specs = desired == null || desired.down() ? List.of() : desired.instances();
    String text =
        weights.routes(
            (component, track) -> {
              LocalSpec s = grpc(specs, component, track);
              return s == null ? null : Probes.HOST + ":" + s.grpcPort();
            });
    AtomicFiles.write(routesFile(files.dir()), text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<String> metrics(String component, String track) {
    LocalDesired desired = files.readDesired();
    if (desired == null || desired.down()) {
      return List.of();
    }
    return desired.instances().stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE && s.metricsPort() != null)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .map(s -> "http://" + Probes.HOST + ":" + s.metricsPort() + "/metrics")
        .toList();
  }

  @Override
  public List<String> grpc(String component, String track) {
    LocalDesired desired = files.readDesired();
    if (desired == null || desired.down()) {
      return List.of();
    }
    LocalSpec s = grpc(desired.instances(), component, track);
    return s == null ? List.of() : List.of(Probes.HOST + ":" + s.grpcPort());
  }

  private static LocalSpec grpc(List<LocalSpec> specs, String component, String track) {
    return specs.stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .filter(s -> s.grpcPort() != null)
        .findFirst()
        .orElse(null);
  }
}
