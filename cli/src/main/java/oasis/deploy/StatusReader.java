package oasis.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.state.Ledger;
import oasis.state.Revision;

/** {@code oasis status} of one environment: its ledger and the live target read together. */
final class StatusReader {

  private final String envName;
  private final String targetName;
  private final Revisions revisions;
  private final Target target;

  StatusReader(String envName, String targetName, Revisions revisions, Target target) {
    this.envName = envName;
    this.targetName = targetName;
    this.revisions = revisions;
    this.target = target;
  }

  /** What runs: the ledger's current revision and the live observation of the target. */
  StatusReport report() {
    Ledger ledger = revisions.ledger();
    TargetStatus live = target.status();
    Optional<Revision> current = ledger.currentRevision();
    List<String> notes = new ArrayList<>(live.notes());
    String state = state(ledger, live, current, notes);
    List<StatusReport.Component> components = new ArrayList<>();
    List<StatusReport.Infrastructure> infra = new ArrayList<>();
    String redis = "in-memory";
    for (InstanceStatus i : live.instances()) {
      if (i.kind() == InstanceKind.SERVICE) {
        components.add(component(i));
      } else {
        if (i.kind() == InstanceKind.REDIS) {
          redis = "redis-server";
        }
        infra.add(infrastructure(i));
      }
    }
    return new StatusReport(
        envName,
        targetName,
        current.map(Revision::revision).orElse(null),
        current.map(Revision::version).orElse(null),
        state,
        live.supervised(),
        live.instances().isEmpty() ? null : redis,
        components,
        infra,
        notes);
  }

  /** The environment's state label; an operation in flight also adds a note saying who runs it. */
  private String state(
      Ledger ledger, TargetStatus live, Optional<Revision> current, List<String> notes) {
    Optional<Revision> flight = ledger.inFlight();
    if (flight.isPresent()) {
      Optional<String> holder = revisions.liveHolder();
      boolean running = holder.isPresent();
      notes.add(
          "revision "
              + flight.get().revision()
              + " ("
              + flight.get().version()
              + ") "
              + (running
                  ? "is being applied by " + holder.get()
                  : "was interrupted (its command died); the next deploy or rollback resolves it"));
      return running ? "progressing" : "interrupted";
    } else if (current.isEmpty()) {
      return ledger.revisions().isEmpty() ? "none" : "stopped";
    } else if (live.allReady()) {
      return current.get().state().label();
    } else {
      return "degraded";
    }
  }

  private static StatusReport.Component component(InstanceStatus i) {
    Map<String, String> endpoints = new LinkedHashMap<>(i.endpoints());
    return new StatusReport.Component(
        i.name(),
        i.version(),
        i.track(),
        i.ready(),
        i.restarts(),
        i.pid(),
        i.artifact(),
        i.ready() ? null : i.detail(),
        endpoints);
  }

  private static StatusReport.Infrastructure infrastructure(InstanceStatus i) {
    return new StatusReport.Infrastructure(
        i.name(),
        i.kind().name().toLowerCase(Locale.ROOT),
        i.ready(),
        i.restarts(),
        i.pid(),
        i.ready() ? null : i.detail(),
        i.endpoints());
  }
}
