package oasis.runtime.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.artifact.ArtifactStore;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.core.ProcessIdentity;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.RuntimeContract;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.Tracks;

/**
 * The {@code local} target: every instance a process on this machine, kept alive by a detached
 * supervisor process ({@link SupervisorMain}); state, logs and data under {@code
 * .oasis/envs/<env>/}.
 */
public final class LocalTarget implements Target {

  private static final Duration SUPERVISOR_MARGIN = Duration.ofSeconds(30);

  private final LocalFiles files;
  private final ArtifactStore store;
  private final String java;
  private final SupervisorLink link;
  // Issue 18: every hop secured when the environment asks for TLS; null: plaintext.
  private LocalSecurity security;
  private final SealedVariables sealed;

  /** An environment with {@code tls: {certificates: generated}}: every hop secured. */
  public LocalTarget(Path envDir, ArtifactStore store, Duration certificateValidity) {
    this(envDir, store);
    this.security = new LocalSecurity(files.dir(), certificateValidity, Clock.systemUTC());
  }

  /** How oasis reaches this environment's secured hops; empty when it runs in plaintext. */
  @Override
  public Optional<oasis.security.ClientTls> clientTls() {
    return Optional.ofNullable(security).map(LocalSecurity::client);
  }

  public LocalTarget(Path envDir, ArtifactStore store) {
    this(
        envDir,
        store,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        ownClassPath());
  }

  LocalTarget(Path envDir, ArtifactStore store, String java, String classPath) {
    this.files = new LocalFiles(envDir);
    this.sealed = new SealedVariables(files.dir());
    this.store = store;
    this.java = java;
    this.link = new SupervisorLink(files, java, classPath);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    return RuntimeContract.infrastructure(onPath("redis-server"));
  }

  @Override
  public String unavailable(InstanceKind kind) {
    return kind == InstanceKind.REDIS
        ? "redis-server is not on PATH (apt-get install redis-server)"
        : Target.super.unavailable(kind);
  }

  @Override
  public Optional<Tracks> tracks() {
    return Optional.of(new LocalTraffic(files.dir()));
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    return converge(plan, timeout, progress, false);
  }

  /**
   * Make-before-break: a changed service starts on other ports beside the process it replaces; the
   * supervisor moves callers' routes to it once it is ready and stops the old one afterwards, so
   * this returns as soon as the new processes serve.
   */
  @Override
  public ApplyResult replace(Plan plan, Duration timeout, Consumer<String> progress) {
    return converge(plan, timeout, progress, true);
  }

  private ApplyResult converge(
      Plan plan, Duration timeout, Consumer<String> progress, boolean makeBeforeBreak) {
    SupervisorState state = files.readState();
    Set<String> ours = new HashSet<>();
    if (state != null) {
      state
          .instances()
          .forEach(
              (n, r) -> {
                if (r.process().isAlive()) {
                  ours.add(n);
                }
              });
    }
    PortAllocator.Assignment ports =
        new PortAllocator()
            .assign(
                plan, Json.read(files.portsFile(), PortAllocator.Assignment.class), ours, progress);
    Json.write(files.portsFile(), ports);
    LocalDesired previous = files.readDesired();
    if (security != null) {
      security.prepare(plan); // certificates renewed before they expire, users made once
    }
    List<LocalSpec> specs =
        new Placement(plan, ports, previous, state, makeBeforeBreak).specs(specs());
    long generation = (previous == null ? 0 : previous.generation()) + 1;
    files.writeDesired(
        new LocalDesired(
            generation, timeout.toMillis(), false, specs, plan.notes(), makeBeforeBreak));
    new LocalTraffic(files.dir()).render(); // before the supervisor stops a track: no stale route
    link.ensureRunning(progress);
    return link.await(generation, specs, timeout.plus(SUPERVISOR_MARGIN), progress);
  }

  private LocalSpecs specs() {
    return new LocalSpecs(files, store, java, security, sealed);
  }

  /** The processes of {@code plan}, bound to {@code own} ports, their peers at {@code home}. */
  List<LocalSpec> specs(
      Plan plan, Map<String, Map<String, Integer>> home, Map<String, Map<String, Integer>> own) {
    return specs().of(plan, home, own);
  }

  @Override
  public TargetStatus status() {
    return new LocalStatus(files, security != null).observe();
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    LocalDesired previous = files.readDesired();
    SupervisorState state = files.readState();
    if (previous == null && state == null) {
      progress.accept("nothing runs");
      return;
    }
    long generation = (previous == null ? 0 : previous.generation()) + 1;
    files.writeDesired(new LocalDesired(generation, 0, true, List.of(), List.of()));
    Optional<ProcessHandle> supervisor =
        state == null || state.supervisor() == null
            ? Optional.empty()
            : state.supervisor().handle();
    if (supervisor.isPresent()) {
      progress.accept("stopping (supervisor pid " + supervisor.get().pid() + ")");
      if (!ProcessControl.waitFor(
          supervisor.get(), grace.multipliedBy(2).plusSeconds(10).toNanos())) {
        progress.accept("the supervisor did not stop in time; stopping its processes directly");
      }
    }
    // Whatever is still there: recorded processes, the supervisor, and any process of this env.
    List<ProcessHandle> left = new ArrayList<>();
    SupervisorState after = files.readState();
    for (SupervisorState st : new SupervisorState[] {state, after}) {
      if (st != null) {
        st.instances().values().forEach(r -> r.process().handle().ifPresent(left::add));
        if (st.supervisor() != null) {
          st.supervisor().handle().ifPresent(left::add);
        }
      }
    }
    left.addAll(strays());
    List<ProcessHandle> distinct = left.stream().filter(ProcessHandle::isAlive).distinct().toList();
    if (!distinct.isEmpty()) {
      progress.accept(
          "stopping "
              + distinct.size()
              + " leftover process(es): "
              + distinct.stream()
                  .map(h -> String.valueOf(h.pid()))
                  .collect(Collectors.joining(", ")));
      ProcessControl.terminate(distinct, grace, progress);
    }
    List<Long> survivors = strays().stream().map(ProcessHandle::pid).toList();
    if (!survivors.isEmpty()) {
      throw OasisException.failed(
          "processes of " + files.dir() + " survived SIGKILL: " + survivors,
          "Check them with ps; they may be stuck in the kernel.");
    }
  }

  /** Processes whose command line names this environment's directory (supervisor and instances). */
  List<ProcessHandle> strays() {
    String marker = files.dir().toString();
    long me = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(h -> h.pid() != me)
        .filter(
            h ->
                h.info()
                    .arguments()
                    .map(
                        a ->
                            List.of(a).stream()
                                .anyMatch(
                                    x ->
                                        x.contains(marker + "/")
                                            || x.endsWith(marker)
                                            || x.equals("-Doasis.env=" + marker)))
                    .orElse(false))
        .toList();
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    Path log = files.log(instance);
    if (!Files.exists(log)) {
      LocalDesired d = files.readDesired();
      String known =
          d == null
              ? ""
              : d.instances().stream().map(LocalSpec::name).collect(Collectors.joining(", "));
      throw OasisException.badInput(
          "no log of '" + instance + "' in " + log.getParent(),
          known.isEmpty()
              ? "Nothing has been deployed to this environment yet."
              : "Use one of: " + known + ".");
    }
    LogTail.of(log, tail).forEach(sink);
    if (follow) {
      LogTail.follow(log, sink);
    }
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String ownClassPath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
        .map(p -> Path.of(p).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The supervisor's identity, for tests and status. */
  Optional<ProcessIdentity> supervisor() {
    SupervisorState s = files.readState();
    return s == null ? Optional.empty() : Optional.ofNullable(s.supervisor());
  }
}
