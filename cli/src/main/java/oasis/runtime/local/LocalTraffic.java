package oasis.runtime.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.runtime.InstanceKind;
import oasis.runtime.Probes;
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

  /**
   * Writes the routes file from the weights and the instances the desired state names, each at the
   * address where a process of it serves: while a make-before-break replacement starts, the one it
   * replaces; from the moment the new one is ready, the new one. A stable instance that serves
   * elsewhere than the address its callers were started with gets a route of its own.
   */
  void render() {
    LocalDesired desired = files.readDesired();
    List<LocalSpec> specs = desired == null || desired.down() ? List.of() : desired.instances();
    SupervisorState state = files.readState();
    Map<String, Map<String, Integer>> home = homePorts();
    StringBuilder text =
        new StringBuilder(
            weights.routes(
                (component, track) -> {
                  LocalSpec s = grpc(specs, component, track);
                  return s == null ? null : Probes.HOST + ":" + serving(s, state);
                }));
    Set<String> weighted = new HashSet<>();
    text.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .forEach(l -> weighted.add(l.split(" ")[0]));
    for (LocalSpec s : specs) {
      if (s.kind() != InstanceKind.SERVICE
          || s.grpcPort() == null
          || !TrafficWeights.STABLE.equals(s.track())
          || weighted.contains(s.component())) {
        continue;
      }
      int at = serving(s, state);
      Integer wired = home.getOrDefault(s.name(), Map.of()).get("grpc");
      if (wired != null && wired != at) {
        text.append(s.component())
            .append(" stable ")
            .append(Probes.HOST)
            .append(':')
            .append(at)
            .append(" 100\n");
      }
    }
    AtomicFiles.write(routesFile(files.dir()), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The gRPC port where {@code spec}'s instance serves: its own once its process of this definition
   * is ready, else that of a ready process it replaces, else its own (it is starting).
   */
  private static int serving(LocalSpec spec, SupervisorState state) {
    if (state == null) {
      return spec.grpcPort();
    }
    SupervisorState.InstanceRecord own = state.instances().get(spec.name());
    if (own != null && own.ready() && spec.hash().equals(own.hash())) {
      return spec.grpcPort();
    }
    return state.instances().entrySet().stream()
        .filter(e -> SupervisorState.instanceOf(e.getKey()).equals(spec.name()))
        .map(Map.Entry::getValue)
        .filter(r -> r.ready() && r.grpcPort() != null)
        .map(SupervisorState.InstanceRecord::grpcPort)
        .findFirst()
        .orElse(spec.grpcPort());
  }

  /** The ports the services were told their peers have (ports.json). */
  private Map<String, Map<String, Integer>> homePorts() {
    PortAllocator.Assignment a = Json.read(files.portsFile(), PortAllocator.Assignment.class);
    return a == null ? Map.of() : a;
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
