package oasis.runtime.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oasis.core.ProcessIdentity;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import oasis.runtime.RuntimeContract;

/** One process under the supervisor's care, and what it knows of it. */
final class Running {
  LocalSpec spec;
  ProcessIdentity id;
  ProcessHandle handle;
  Process process;
  boolean ready;
  boolean wasReady;
  long readyMillis;
  int restarts;
  long logOffset;
  long startedNanos;
  int liveFailures;
  long nextCheckNanos;
  long restartAtNanos;
  Path classDataDump;
  Integer grpcPort;
  boolean retiring;

  /**
   * The process a predecessor supervisor recorded as {@code name}, if it still runs: with its spec
   * in {@code desired}, or one that names it only (a process no plan wants any more).
   */
  static Optional<Running> adopt(
      String name, SupervisorState.InstanceRecord rec, LocalDesired desired) {
    Optional<ProcessHandle> h = rec.process().handle();
    if (h.isEmpty()) {
      return Optional.empty();
    }
    LocalSpec spec =
        desired.instances().stream()
            .filter(s -> s.name().equals(name) && s.hash().equals(rec.hash()))
            .findFirst()
            .orElseGet(() -> orphan(name, rec.hash()));
    return Optional.of(adopted(name, rec, spec, h.get()));
  }

  private static LocalSpec orphan(String name, String hash) {
    return new LocalSpec(
        new InstanceLaunch(
            name,
            name,
            InstanceKind.SERVICE,
            RuntimeContract.STABLE,
            null,
            null,
            List.of(),
            Map.of(),
            Map.of(),
            List.of()),
        hash,
        null);
  }

  private static Running adopted(
      String name, SupervisorState.InstanceRecord rec, LocalSpec spec, ProcessHandle handle) {
    Running r = new Running();
    r.spec = spec;
    r.id = rec.process();
    r.handle = handle;
    r.ready = rec.ready();
    r.wasReady = rec.ready();
    r.readyMillis = rec.readyMillis();
    r.restarts = rec.restarts();
    r.logOffset = rec.logOffset();
    r.startedNanos = System.nanoTime();
    r.grpcPort = rec.grpcPort();
    r.retiring = SupervisorState.isRetiring(name);
    return r;
  }

  /** What {@code state.json} keeps of it. */
  SupervisorState.InstanceRecord record() {
    return new SupervisorState.InstanceRecord(
        id, spec.hash(), ready, readyMillis, restarts, logOffset, grpcPort);
  }

  /** How it ended, for a message: its exit code, or that its pid is gone. */
  String exit() {
    if (process != null && !process.isAlive()) {
      return " with exit code " + process.exitValue();
    }
    return " (pid " + id.pid() + " is gone)";
  }

  /** Whether it runs and passed readiness. */
  boolean serving() {
    return ready && handle.isAlive();
  }
}
