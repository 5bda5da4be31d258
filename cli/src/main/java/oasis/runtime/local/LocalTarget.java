package oasis.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.artifact.ArtifactStore;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.core.ProcessIdentity;
import oasis.ops.v1.ServiceInfo;
import oasis.runtime.ApplyResult;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Probes;
import oasis.runtime.ServiceEnvironment;
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

  /** The bound of a wait for the supervisor's next state, which wakes the wait when written. */
  private static final Duration STATE_POLL = Duration.ofMillis(100);

  private final LocalFiles files;
  private final ArtifactStore store;
  private final String java;
  private final String classPath;
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
    this.classPath = classPath;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    Set<InstanceKind> kinds = EnumSet.of(InstanceKind.KAFKA);
    if (onPath("redis-server")) {
      kinds.add(InstanceKind.REDIS);
    }
    return kinds;
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
        new Placement(plan, ports, previous, state, makeBeforeBreak).specs(this::specs);
    long generation = (previous == null ? 0 : previous.generation()) + 1;
    files.writeDesired(
        new LocalDesired(
            generation, timeout.toMillis(), false, specs, plan.notes(), makeBeforeBreak));
    new LocalTraffic(files.dir()).render(); // before the supervisor stops a track: no stale route
    ensureSupervisor(progress);
    return await(generation, specs, timeout.plus(SUPERVISOR_MARGIN), progress);
  }

  private ApplyResult await(
      long generation, List<LocalSpec> specs, Duration limit, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Set<String> announced = readyAlready(specs);
    try (FileWake states = FileWake.of(files.stateFile())) {
      while (System.nanoTime() < deadline) {
        SupervisorState s = files.readState();
        if (s != null && s.generation() == generation) {
          s.instances()
              .forEach(
                  (name, r) -> {
                    if (r.ready() && announced.add(name)) {
                      progress.accept(
                          "  "
                              + name
                              + " ready ("
                              + Durations.seconds(Duration.ofNanos(System.nanoTime() - start))
                              + ")");
                    }
                  });
          if ("ready".equals(s.phase())) {
            return ApplyResult.ok();
          }
          if ("failed".equals(s.phase())) {
            return ApplyResult.failed(s.failedInstance(), s.reason(), tail(s.failedInstance(), 12));
          }
        }
        if (s == null || !s.supervisor().isAlive()) {
          ensureSupervisor(progress);
        }
        try {
          states.await(STATE_POLL); // the supervisor's every new state wakes this at once
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
        }
      }
    }
    return ApplyResult.failed(
        "supervisor",
        "the supervisor did not report generation "
            + generation
            + " within "
            + limit.toSeconds()
            + " s",
        tailFile(files.supervisorLog(), 20));
  }

  /** Instances that already run ready with the definition {@code specs} give them: not news. */
  private Set<String> readyAlready(List<LocalSpec> specs) {
    Set<String> ready = new HashSet<>();
    SupervisorState before = files.readState();
    if (before != null) {
      for (LocalSpec spec : specs) {
        SupervisorState.InstanceRecord r = before.instances().get(spec.name());
        if (r != null && r.ready() && r.hash().equals(spec.hash()) && r.process().isAlive()) {
          ready.add(spec.name());
        }
      }
    }
    return ready;
  }

  List<LocalSpec> specs(Plan plan, PortAllocator.Assignment ports) {
    return specs(plan, ports, ports);
  }

  /**
   * The processes of {@code plan}: each binds its {@code own} ports; its peers are wired to their
   * {@code home} ports (a replacement serving elsewhere is reached through the routes file).
   */
  List<LocalSpec> specs(
      Plan plan, Map<String, Map<String, Integer>> home, Map<String, Map<String, Integer>> own) {
    Map<String, String> wiring =
        ServiceEnvironment.wiring(plan, i -> home.get(i.name()), i -> Probes.HOST);
    List<LocalSpec> specs = new ArrayList<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> p = own.get(i.name());
      Map<String, String> env = new TreeMap<>();
      List<String> cmd = new ArrayList<>();
      switch (i.kind()) {
        case SERVICE -> {
          env.putAll(wiring);
          env.putAll(ServiceEnvironment.own(i, p));
          if (security != null) {
            env.putAll(security.env(i));
            env.computeIfPresent(
                "REDIS_URL", (k, url) -> url.replaceFirst("^redis://", "rediss://"));
          }
          env.put("OASIS_ROUTES_FILE", LocalTraffic.routesFile(files.dir()).toString());
          cmd.addAll(javaCommand(i));
        }
        case KAFKA -> {
          env.put("KAFKA_PORT", String.valueOf(p.get("bootstrap")));
          if (p.containsKey("controller")) {
            env.put("KAFKA_CONTROLLER_PORT", String.valueOf(p.get("controller")));
          }
          env.put("KAFKA_LOG_DIR", files.data(i.name()).toString());
          if (security != null) {
            env.putAll(security.env(i));
          }
          cmd.addAll(javaCommand(i));
        }
        case REDIS ->
            cmd.addAll(
                concat(
                    List.of("redis-server", "--bind", Probes.HOST),
                    security == null
                        ? List.of("--port", String.valueOf(p.get("redis")))
                        : security.redisArguments(i, p.get("redis")),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    files.work(i.name()).toString()));
      }
      // the plan's own variables (resolved secrets among them) go to an owner-only file
      env.keySet().removeAll(i.env().keySet());
      String variablesFile = i.env().isEmpty() ? null : sealed.seal(i.name(), i.env());
      String version = i.env().getOrDefault("OASIS_VERSION", "");
      List<Object> definition =
          new ArrayList<>(
              List.of(
                  i.name(),
                  i.kind(),
                  i.artifact() == null ? "" : i.artifact(),
                  cmd,
                  env,
                  p,
                  sealed.digest(i.env())));
      if (security != null) {
        definition.add(security.generation()); // renewed certificates restart every process
      }
      String hash = ArtifactStore.sha256(Json.bytes(definition));
      specs.add(
          new LocalSpec(
              i.name(),
              i.component(),
              i.kind(),
              i.track(),
              version,
              i.artifact(),
              cmd,
              env,
              p,
              i.dependsOn(),
              hash,
              variablesFile));
    }
    return specs;
  }

  private static List<String> concat(List<String> head, List<String> middle, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(middle);
    all.addAll(List.of(tail));
    return all;
  }

  private List<String> javaCommand(PlannedInstance i) {
    if (i.artifact() == null) {
      throw new IllegalStateException(i.name() + " has no artifact");
    }
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
    if (i.kind() == InstanceKind.SERVICE) {
      // Start-up over peak throughput on a small machine, as the testkit runs the services; the
      // broker keeps the full JIT.
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.addAll(
        List.of("-Doasis.env=" + files.dir(), "-cp", store.classPath(i.artifact()), i.mainClass()));
    return cmd;
  }

  private void ensureSupervisor(Consumer<String> progress) {
    SupervisorState s = files.readState();
    if (s != null && s.supervisor() != null && s.supervisor().isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    if (onPath("setsid")) {
      cmd.add("setsid"); // its own session: a Ctrl-C or kill of the CLI's group does not reach it
    }
    cmd.addAll(
        List.of(
            java,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx128m",
            "-Doasis.env=" + files.dir(),
            "-cp",
            SupervisorRuntime.pin(classPath, files.dir().getParent().getParent()),
            SupervisorMain.class.getName(),
            files.dir().toString()));
    try {
      Files.createDirectories(files.supervisorLog().getParent());
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(files.supervisorLog().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      progress.accept(
          "started the supervisor of " + files.dir().getFileName() + " (pid " + p.pid() + ")");
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        SupervisorState now = files.readState();
        // ours, or one that an interrupted command started just before us (it holds the OS lock)
        if (now != null && now.supervisor() != null && now.supervisor().isAlive()) {
          return;
        }
        Durations.pause(50);
      }
      throw OasisException.failed(
          "the supervisor (pid "
              + p.pid()
              + ") did not start; last lines of "
              + files.supervisorLog()
              + ":\n"
              + String.join("\n", tailFile(files.supervisorLog(), 15)),
          "Check that Java can run " + classPath + ".");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the supervisor: " + cmd, e);
    }
  }

  @Override
  public TargetStatus status() {
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
      SupervisorState.InstanceRecord rec =
          state == null ? null : state.instances().get(spec.name());
      Optional<ProcessHandle> h = rec == null ? Optional.empty() : rec.process().handle();
      boolean alive = h.isPresent() && rec.hash().equals(spec.hash());
      String why =
          alive ? Readiness.ready(spec, files.log(spec.name()), rec.logOffset()) : "not running";
      if (h.isPresent() && !rec.hash().equals(spec.hash())) {
        why = "runs an older definition (being replaced)";
      }
      String version = spec.version().isEmpty() ? null : spec.version();
      if (alive && why == null && spec.kind() == InstanceKind.SERVICE && spec.grpcPort() != null) {
        ServiceInfo info = Probes.info(spec.grpcPort(), Readiness.credentials(spec));
        if (info != null && !info.getVersion().isEmpty()) {
          version = info.getVersion();
        }
      }
      Map<String, String> endpoints = new LinkedHashMap<>();
      spec.ports()
          .forEach(
              (n, port) ->
                  endpoints.put(
                      n,
                      switch (n) {
                        case "metrics" -> "http://" + Probes.HOST + ":" + port + "/metrics";
                        case "redis" ->
                            (security == null ? "redis://" : "rediss://")
                                + Probes.HOST
                                + ":"
                                + port;
                        default -> Probes.HOST + ":" + port;
                      }));
      out.add(
          new InstanceStatus(
              spec.name(),
              spec.component(),
              spec.kind(),
              spec.track(),
              version,
              spec.artifact(),
              alive,
              alive && why == null,
              why,
              rec == null ? 0 : rec.restarts(),
              h.map(ProcessHandle::pid).orElse(null),
              endpoints));
    }
    return new TargetStatus(supervised, out, notes);
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
    tailFile(log, tail).forEach(sink);
    if (!follow) {
      return;
    }
    long pos = size(log);
    StringBuilder partial = new StringBuilder();
    while (!Thread.currentThread().isInterrupted()) {
      long len = size(log);
      if (len < pos) {
        pos = 0; // truncated
      }
      if (len > pos) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
          f.seek(pos);
          byte[] buf = new byte[(int) Math.min(len - pos, 1 << 20)];
          f.readFully(buf);
          pos += buf.length;
          partial.append(new String(buf, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + log, e);
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          sink.accept(partial.substring(0, nl));
          partial.delete(0, nl + 1);
        }
      }
      Thread.sleep(200);
    }
  }

  List<String> tail(String instance, int n) {
    return instance == null ? List.of() : tailFile(files.log(instance), n);
  }

  static List<String> tailFile(Path file, int n) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<String> lines =
          List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
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
