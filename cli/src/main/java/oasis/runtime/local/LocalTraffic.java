package oasis.runtime.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.runtime.Endpoints;
import oasis.runtime.InstanceLaunch;
import oasis.runtime.Probes;
import oasis.runtime.RoutedTracks;
import oasis.runtime.RuntimeContract;

/**
 * Traffic weights on the local target: kept in {@code weights.json} and rendered, with the gRPC
 * ports of the instances that run, into the {@code routes} file that every service reads live
 * ({@code OASIS_ROUTES_FILE}; format in services/README.md). Rendered again whenever the target
 * applies a plan, so a track that is stopped never keeps a route.
 */
public final class LocalTraffic extends RoutedTracks {

  private final LocalFiles files;

  public LocalTraffic(Path envDir) {
    super(envDir);
    this.files = new LocalFiles(envDir);
  }

  /** The routes file of an environment. */
  public static Path routesFile(Path envDir) {
    return envDir.toAbsolutePath().normalize().resolve("routes");
  }

  /**
   * Writes the routes file from the weights and the instances the desired state names, each at the
   * address where a process of it serves: while a make-before-break replacement starts, the one it
   * replaces; from the moment the new one is ready, the new one. A stable instance that serves
   * elsewhere than the address its callers were started with gets a route of its own.
   */
  @Override
  protected void render() {
    List<LocalSpec> specs = running();
    SupervisorState state = files.readState();
    StringBuilder text =
        new StringBuilder(
            weights.routes(
                (component, track) -> {
                  LocalSpec s = grpc(specs, component, track);
                  return s == null ? null : Endpoints.address(Probes.HOST, serving(s, state));
                }));
    Set<String> weighted = new HashSet<>();
    text.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .forEach(l -> weighted.add(l.split(" ")[0]));
    Map<String, Map<String, Integer>> home = homePorts();
    for (LocalSpec s : specs) {
      InstanceLaunch l = s.launch();
      if (!l.serves(l.component(), RuntimeContract.STABLE, "grpc")
          || weighted.contains(l.component())) {
        continue;
      }
      int at = serving(s, state);
      Integer wired = home.getOrDefault(s.name(), Map.of()).get("grpc");
      if (wired != null && wired != at) {
        text.append(l.component())
            .append(" stable ")
            .append(Endpoints.address(Probes.HOST, at))
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
    int own = spec.launch().port("grpc");
    if (state == null) {
      return own;
    }
    SupervisorState.InstanceRecord rec = state.instances().get(spec.name());
    if (rec != null && rec.ready() && spec.hash().equals(rec.hash())) {
      return own;
    }
    return state.instances().entrySet().stream()
        .filter(e -> SupervisorState.instanceOf(e.getKey()).equals(spec.name()))
        .map(Map.Entry::getValue)
        .filter(r -> r.ready() && r.grpcPort() != null)
        .map(SupervisorState.InstanceRecord::grpcPort)
        .findFirst()
        .orElse(own);
  }

  /** The ports the services were told their peers have (ports.json). */
  private Map<String, Map<String, Integer>> homePorts() {
    PortAllocator.Assignment a = Json.read(files.portsFile(), PortAllocator.Assignment.class);
    return a == null ? Map.of() : a;
  }

  /** The processes the desired state names; none when it is down. */
  private List<LocalSpec> running() {
    LocalDesired desired = files.readDesired();
    return desired == null || desired.down() ? List.of() : desired.instances();
  }

  @Override
  public List<String> metrics(String component, String track) {
    return served(
        running(),
        LocalSpec::launch,
        component,
        track,
        "metrics",
        s -> Endpoints.metrics(Probes.HOST, s.launch().port("metrics")));
  }

  @Override
  public List<String> grpc(String component, String track) {
    LocalSpec s = grpc(running(), component, track);
    return s == null ? List.of() : List.of(Endpoints.address(Probes.HOST, s.launch().port("grpc")));
  }

  private static LocalSpec grpc(List<LocalSpec> specs, String component, String track) {
    return specs.stream()
        .filter(s -> s.launch().serves(component, track, "grpc"))
        .findFirst()
        .orElse(null);
  }
}
