package oasis.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.ops.v1.ServiceInfo;
import oasis.runtime.InstanceKind;
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
    boolean running = ContainerReadiness.running(c);
    String why = readiness.notReady(spec, c);
    String version = spec.version();
    Integer grpc = running ? ContainerReadiness.published(c, spec, "grpc") : null;
    if (why == null && spec.kind() == InstanceKind.SERVICE && grpc != null) {
      ServiceInfo info = Probes.info(grpc);
      if (info != null && !info.getVersion().isEmpty()) {
        version = info.getVersion();
      }
    }
    return new InstanceStatus(
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
        running ? endpoints(spec, c) : Map.of());
  }

  /** The spec's named ports as the host reaches them (127.0.0.1 and the published port). */
  private static Map<String, String> endpoints(ContainerSpec spec, InspectContainerResponse c) {
    Map<String, String> endpoints = new LinkedHashMap<>();
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
    return endpoints;
  }
}
