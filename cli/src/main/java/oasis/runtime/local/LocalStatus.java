package oasis.runtime.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oasis.runtime.Endpoints;
import oasis.runtime.InstanceProbes;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Probes;
import oasis.runtime.TargetStatus;

/**
 * What {@code status} observes of the local target's processes, live: whether each runs the
 * definition the desired state gives it, the contract's readiness, the version it reports (GetInfo)
 * and its endpoints on loopback ({@code tls}: Redis URLs are {@code rediss}).
 */
record LocalStatus(LocalFiles files, boolean tls) {

  TargetStatus observe() {
    LocalDesired desired = files.readDesired();
    SupervisorState state = files.readState();
    boolean supervised =
        state != null && state.supervisor() != null && state.supervisor().isAlive();
    List<String> notes = new ArrayList<>();
    List<InstanceStatus> out = new ArrayList<>();
    if (desired == null || desired.down()) {
      return new TargetStatus(supervised, out, notes);
    }
    notes.addAll(desired.notes());
    // This JVM's first gRPC call loads netty and protobuf: a second of CPU on a busy machine, which
    // must not count against a service's probe deadline (it made a ready service look not ready).
    Probes.warmUp();
    if (!supervised) {
      notes.add(
          "the supervisor is not running: nothing restarts failed processes (the next deploy starts it)");
    }
    for (LocalSpec spec : desired.instances()) {
      out.add(observe(spec, state == null ? null : state.instances().get(spec.name())));
    }
    return new TargetStatus(supervised, out, notes);
  }

  private InstanceStatus observe(LocalSpec spec, SupervisorState.InstanceRecord rec) {
    var launch = spec.launch();
    Optional<ProcessHandle> h = rec == null ? Optional.empty() : rec.process().handle();
    boolean alive = h.isPresent() && rec.hash().equals(spec.hash());
    Readiness observed = Readiness.of(spec, files.log(spec.name()), alive ? rec.logOffset() : 0);
    String why = alive ? InstanceProbes.ready(launch.kind(), observed) : "not running";
    if (h.isPresent() && !rec.hash().equals(spec.hash())) {
      why = "runs an older definition (being replaced)";
    }
    String started =
        launch.version() == null || launch.version().isEmpty() ? null : launch.version();
    String version = InstanceProbes.version(launch.kind(), alive && why == null, observed, started);
    return new InstanceStatus(
        spec.name(),
        launch.component(),
        launch.kind(),
        launch.track(),
        version,
        launch.artifact(),
        alive,
        alive && why == null,
        why,
        rec == null ? 0 : rec.restarts(),
        h.map(ProcessHandle::pid).orElse(null),
        Endpoints.of(Probes.HOST, launch.ports(), tls));
  }
}
