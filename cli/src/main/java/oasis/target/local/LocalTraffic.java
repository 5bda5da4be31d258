package oasis.target.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.target.InstanceKind;
import oasis.target.MetricsEndpoints;
import oasis.target.TrafficSplit;

/**
 * Traffic weights on the local target: kept in {@code weights.json} and rendered, with the gRPC
 * ports of the instances that run, into the {@code routes} file that every service reads live
 * ({@code OASIS_ROUTES_FILE}; format in services/README.md). Rendered again whenever the target
 * applies a plan, so a track that is stopped never keeps a route.
 */
public final class LocalTraffic implements TrafficSplit, MetricsEndpoints {

  static final String STABLE = "stable";
  private static final TypeReference<Map<String, Map<String, Integer>>> WEIGHTS =
      new TypeReference<>() {};

  private final LocalFiles files;

  public LocalTraffic(Path envDir) {
    this.files = new LocalFiles(envDir);
  }

  /** The routes file of an environment. */
  public static Path routesFile(Path envDir) {
    return envDir.toAbsolutePath().normalize().resolve("routes");
  }

  @Override
  public void setWeight(String track, int weight, Collection<String> components) {
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight " + weight + " is not 0..100");
    }
    Map<String, Map<String, Integer>> weights = weights();
    for (String c : components) {
      Map<String, Integer> tracks = weights.computeIfAbsent(c, k -> new TreeMap<>());
      tracks.clear();
      if (weight > 0) {
        tracks.put(track, weight);
      }
      if (tracks.isEmpty()) {
        weights.remove(c);
      }
    }
    AtomicFiles.write(weightsFile(), Json.bytes(weights));
    render();
  }

  /** The weights in force: component to track to percent (stable has the rest). */
  public Map<String, Map<String, Integer>> weights() {
    Path f = weightsFile();
    if (!Files.exists(f)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(Json.mapper().readValue(f.toFile(), WEIGHTS));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f, e);
    }
  }

  /** Writes the routes file from the weights and the instances the desired state names. */
  void render() {
    LocalDesired desired = files.readDesired();
    List<LocalSpec> specs = desired == null || desired.down() ? List.of() : desired.instances();
    StringBuilder out = new StringBuilder("# component track address weight (written by oasis)\n");
    weights()
        .forEach(
            (component, tracks) -> {
              LocalSpec stable = grpc(specs, component, STABLE);
              int others = 0;
              StringBuilder lines = new StringBuilder();
              for (var t : tracks.entrySet()) {
                LocalSpec s = grpc(specs, component, t.getKey());
                if (s != null && t.getValue() > 0) {
                  others += t.getValue();
                  lines.append(line(component, t.getKey(), s, t.getValue()));
                }
              }
              if (lines.length() > 0) {
                if (stable != null) {
                  out.append(line(component, STABLE, stable, Math.max(0, 100 - others)));
                }
                out.append(lines);
              }
            });
    AtomicFiles.write(routesFile(files.dir()), out.toString().getBytes(StandardCharsets.UTF_8));
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

  private static String line(String component, String track, LocalSpec s, int weight) {
    return component + " " + track + " " + Probes.HOST + ":" + s.grpcPort() + " " + weight + "\n";
  }

  private static LocalSpec grpc(List<LocalSpec> specs, String component, String track) {
    return specs.stream()
        .filter(s -> s.kind() == InstanceKind.SERVICE)
        .filter(s -> s.component().equals(component) && s.track().equals(track))
        .filter(s -> s.grpcPort() != null)
        .findFirst()
        .orElse(null);
  }

  private Path weightsFile() {
    return files.dir().resolve("weights.json");
  }
}
