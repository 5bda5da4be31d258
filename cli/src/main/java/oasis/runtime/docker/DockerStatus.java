package oasis.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.runtime.Endpoints;
import oasis.runtime.InstanceLaunch;
import oasis.runtime.InstanceProbes;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Probes;

/**
 * What {@code status} observes of the containers the docker target last applied, live: running,
 * ready, the version each service reports (GetInfo), its track and its published endpoints.
 */
final class DockerStatus {

  private final Containers containers;
  private final ContainerReadiness readiness;

  DockerStatus(Containers containers) {
    this.containers = containers;
    this.readiness = new ContainerReadiness(containers);
  }

  List<InstanceStatus> observe(DockerState state) {
    List<InstanceStatus> out = new ArrayList<>();
    for (ContainerSpec spec : state.containers()) {
      out.add(observe(spec, containers.inspect(spec.container())));
    }
    return out;
  }

  private InstanceStatus observe(ContainerSpec spec, InspectContainerResponse c) {
    InstanceLaunch launch = spec.launch();
    boolean running = ContainerReadiness.running(c);
    String why = readiness.notReady(spec, c);
    String version =
        running
            ? InstanceProbes.version(
                launch.kind(), why == null, readiness.observed(spec, c), launch.version())
            : launch.version();
    return new InstanceStatus(
        spec.instance(),
        launch.component(),
        launch.kind(),
        launch.track(),
        version,
        launch.artifact(),
        running,
        running && why == null,
        why,
        c == null || c.getRestartCount() == null ? 0 : c.getRestartCount(),
        running ? c.getState().getPidLong() : null,
        running ? endpoints(spec, c) : Map.of());
  }

  /** The spec's named ports as the host reaches them (127.0.0.1 and the published port). */
  private static Map<String, String> endpoints(ContainerSpec spec, InspectContainerResponse c) {
    Map<String, Integer> published = new LinkedHashMap<>();
    spec.launch().ports().forEach((n, port) -> published.put(n, Containers.hostPort(c, port)));
    return Endpoints.of(Probes.HOST, published, false);
  }
}
