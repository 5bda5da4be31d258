package oasis.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import oasis.core.ProcessIdentity;
import oasis.runtime.InstanceKind;
import oasis.runtime.Probes;

/**
 * Keeps one environment's processes converged to {@code desired.json}: starts them together in
 * dependency order, each ready once its probes pass and its dependencies are ready, restarts one
 * whose liveness fails (with backoff, counted), stops what is no longer wanted, and records
 * everything in {@code state.json}. Runs detached from the CLI; when it is restarted it adopts the
 * processes its predecessor recorded.
 */
public final class Supervisor {

  static final Duration GRACE = Duration.ofSeconds(10);
  static final Duration TICK = Duration.ofMillis(100);

  /**
   * How often starting instances are probed: probes of a port nobody listens on yet cost little,
   * and a rollback waits for the first probe that passes.
   */
  static final Duration STARTING_TICK = Duration.ofMillis(25);

  static final Duration LIVENESS_INTERVAL = Duration.ofSeconds(1);
  static final int LIVENESS_FAILURES = 3;
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** One process under supervision. */
  static final class Running {
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
  }

  /** How long callers take to see a new routes file (their poll) before the old process stops. */
  static final Duration ROUTES_SEEN = Duration.ofMillis(400);

  private final LocalFiles files;
  private final PrintStream log;
  private final ClassDataArchives classData;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private long generation;
  private String phase = "starting";
  private String failedInstance;
  private String reason;

  Supervisor(LocalFiles files, PrintStream log) {
    this.files = files;
    this.log = log;
    this.classData = new ClassDataArchives(files.classData());
  }

  /** Runs until a desired state with {@code down} arrives. */
  void run() throws InterruptedException {
    Thread warmUp = new Thread(Probes::warmUp, "probe-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    classData.tidy(Instant.now());
    adopt();
    writeState();
    if ("ready".equals(phase)) {
      stopRetiring(); // a predecessor died while stopping what a replacement retired
    }
    try (FileWake plans = FileWake.of(files.desiredFile())) {
      loop(plans);
    }
  }

  private void loop(FileWake plans) throws InterruptedException {
    while (true) {
      LocalDesired desired = files.readDesired();
      if (desired != null && desired.down()) {
        generation = desired.generation();
        stop(new ArrayList<>(running.keySet()));
        phase = "stopped";
        writeState();
        say("stopped everything; exiting");
        return;
      }
      if (desired != null && desired.generation() != generation) {
        generation = desired.generation();
        converge(desired);
        continue;
      }
      supervise();
      plans.await(TICK); // a new plan starts at once, not at the next tick
    }
  }

  private void adopt() {
    SupervisorState previous = files.readState();
    LocalDesired desired = files.readDesired();
    if (previous == null || desired == null) {
      return;
    }
    generation = previous.generation();
    phase = previous.phase();
    failedInstance = previous.failedInstance();
    reason = previous.reason();
    previous
        .instances()
        .forEach(
            (name, rec) -> {
              Optional<ProcessHandle> h = rec.process().handle();
              LocalSpec spec =
                  desired.instances().stream()
                      .filter(s -> s.name().equals(name) && s.hash().equals(rec.hash()))
                      .findFirst()
                      .orElse(null);
              if (h.isEmpty()) {
                return;
              }
              Running r = new Running();
              r.spec = spec != null ? spec : orphanSpec(name, rec.hash());
              r.id = rec.process();
              r.handle = h.get();
              r.ready = rec.ready();
              r.wasReady = rec.ready();
              r.readyMillis = rec.readyMillis();
              r.restarts = rec.restarts();
              r.logOffset = rec.logOffset();
              r.startedNanos = System.nanoTime();
              r.grpcPort = rec.grpcPort();
              r.retiring = SupervisorState.isRetiring(name);
              running.put(name, r);
              say("adopted " + name + " (pid " + r.id.pid() + ")");
            });
    if (!"ready".equals(phase) && !"stopped".equals(phase)) {
      generation = -1; // an unfinished convergence: do it again
    }
  }

  private static LocalSpec orphanSpec(String name, String hash) {
    return new LocalSpec(
        name,
        name,
        InstanceKind.SERVICE,
        "stable",
        null,
        null,
        List.of(),
        Map.of(),
        Map.of(),
        List.of(),
        hash);
  }

  private void converge(LocalDesired desired) throws InterruptedException {
    phase = "converging";
    failedInstance = null;
    reason = null;
    say("converging to generation " + desired.generation());
    Map<String, LocalSpec> want = new LinkedHashMap<>();
    desired.instances().forEach(s -> want.put(s.name(), s));
    reinstate(want);
    List<String> drop = new ArrayList<>();
    running.forEach(
        (name, r) -> {
          LocalSpec w = want.get(name);
          boolean keep = w != null && w.hash().equals(r.spec.hash()) && r.handle.isAlive();
          if (!keep && !(r.retiring && desired.makeBeforeBreak())) {
            drop.add(name);
          }
        });
    if (desired.makeBeforeBreak()) {
      drop.removeIf(name -> retire(name, want));
    }
    stop(drop);
    writeState();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(desired.timeoutMillis());
    // Everything starts at once, in dependency order: the JVMs boot while the broker does, and the
    // services wait for their peers themselves (services/README.md). An instance counts as ready
    // once its own probes pass and its dependencies are ready, so the bring-up takes about as long
    // as the slowest instance, not the sum of a dependency chain.
    Map<String, LocalSpec> pending = new LinkedHashMap<>();
    Set<String> ready = new HashSet<>();
    for (LocalSpec spec : desired.instances()) {
      Running r = running.get(spec.name());
      if (r != null && r.ready && r.handle.isAlive()) {
        ready.add(spec.name()); // unchanged and ready: supervise() watches its liveness
      } else {
        pending.put(spec.name(), spec);
      }
    }
    for (LocalSpec spec : pending.values()) {
      if (running.get(spec.name()) == null) {
        start(spec, 0);
      }
    }
    writeState();
    Map<String, String> waitingFor = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      boolean changed = false;
      for (var it = pending.values().iterator(); it.hasNext(); ) {
        LocalSpec spec = it.next();
        Running r = running.get(spec.name());
        if (r == null) {
          continue;
        }
        if (!r.handle.isAlive()) {
          fail(spec.name(), spec.name() + " exited during start-up" + exitCode(r));
          return;
        }
        String why = Readiness.ready(spec, files.log(spec.name()), r.logOffset);
        if (why == null) {
          why =
              spec.dependsOn().stream()
                  .filter(d -> want.containsKey(d) && !ready.contains(d))
                  .findFirst()
                  .map(d -> "waiting for " + d)
                  .orElse(null);
        }
        if (why == null) {
          markReady(r);
          ready.add(spec.name());
          waitingFor.remove(spec.name());
          it.remove();
          changed = true;
        } else {
          waitingFor.put(spec.name(), why);
        }
      }
      if (changed) {
        writeState();
        new LocalTraffic(files.dir()).render(); // callers move to a replacement once it is ready
      }
      if (pending.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        // Name the instance that is itself not ready, not one that waits for it.
        String name =
            waitingFor.entrySet().stream()
                .filter(e -> !e.getValue().startsWith("waiting for "))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(
                    waitingFor.isEmpty()
                        ? pending.keySet().iterator().next()
                        : waitingFor.keySet().iterator().next());
        String why = waitingFor.getOrDefault(name, "its dependencies never became ready");
        fail(name, name + " not ready in time: " + why);
        return;
      }
      LocalDesired now = files.readDesired();
      if (now != null && now.generation() != desired.generation()) {
        return; // a newer plan arrived: the main loop converges to it
      }
      Thread.sleep(STARTING_TICK.toMillis());
    }
    phase = "ready";
    writeState();
    say("generation " + desired.generation() + " ready");
    stopRetiring();
  }

  /**
   * Make-before-break: the running process of a changed service is kept serving under a retiring
   * name while its replacement starts (on other ports), and one the plan drops (a track that lost
   * its traffic) until the plan is ready; returns whether it was retired.
   */
  private boolean retire(String name, Map<String, LocalSpec> want) {
    Running r = running.get(name);
    if (r == null || r.retiring || r.spec.kind() != InstanceKind.SERVICE || !r.handle.isAlive()) {
      return false;
    }
    if (want.containsKey(name) && r.spec.ports().equals(want.get(name).ports())) {
      return false; // the replacement needs its ports: stop it first
    }
    running.remove(name);
    r.retiring = true;
    running.put(SupervisorState.retiring(name, r.id.pid()), r);
    say("keeping " + name + " (pid " + r.id.pid() + ") until the new plan is ready");
    return true;
  }

  /**
   * A retiring process whose definition is wanted again (a rollback right after a rollback) goes
   * back into service instead of a new one starting.
   */
  private void reinstate(Map<String, LocalSpec> want) {
    for (String key : new ArrayList<>(running.keySet())) {
      Running r = running.get(key);
      String name = SupervisorState.instanceOf(key);
      LocalSpec w = want.get(name);
      Running current = running.get(name);
      if (r.retiring
          && w != null
          && w.hash().equals(r.spec.hash())
          && r.handle.isAlive()
          && (current == null || !current.spec.hash().equals(w.hash()))) {
        running.remove(key);
        if (current != null) {
          running.put(SupervisorState.retiring(name, current.id.pid()), current);
          current.retiring = true;
        }
        r.retiring = false;
        running.put(name, r);
        say("reinstated " + name + " (pid " + r.id.pid() + ")");
      }
    }
  }

  /**
   * Stops what replacements retired, once callers had time to read the routes that moved them:
   * gracefully, its class-data archive recorded as on any stop, and recorded as running until it is
   * gone, so a supervisor killed meanwhile leaves it to the next one.
   */
  private void stopRetiring() throws InterruptedException {
    List<String> retiring =
        running.entrySet().stream()
            .filter(e -> e.getValue().retiring)
            .map(Map.Entry::getKey)
            .toList();
    if (retiring.isEmpty()) {
      return;
    }
    Thread.sleep(ROUTES_SEEN.toMillis());
    List<Running> list = retiring.stream().map(running::get).toList();
    terminate(list);
    retiring.forEach(running::remove);
    writeState();
    new LocalTraffic(files.dir()).render();
  }

  private void fail(String instance, String why) {
    phase = "failed";
    failedInstance = instance;
    reason = why;
    say(instance + " failed: " + why);
    writeState();
  }

  private static String exitCode(Running r) {
    if (r.process != null && !r.process.isAlive()) {
      return " with exit code " + r.process.exitValue();
    }
    return " (pid " + r.id.pid() + " is gone)";
  }

  private void markReady(Running r) {
    r.ready = true;
    r.wasReady = true;
    r.readyMillis = (System.nanoTime() - r.startedNanos) / 1_000_000;
    r.liveFailures = 0;
    r.nextCheckNanos = System.nanoTime() + LIVENESS_INTERVAL.toNanos();
    say(r.spec.name() + " ready after " + r.readyMillis + " ms");
  }

  /** Liveness of ready instances, readiness of restarted ones, and due restarts. */
  private void supervise() {
    long now = System.nanoTime();
    boolean changed = false;
    for (Running r : running.values()) {
      if (!r.wasReady || r.spec.command().isEmpty() || r.retiring) {
        continue;
      }
      if (r.restartAtNanos > 0) {
        if (now >= r.restartAtNanos) {
          r.restartAtNanos = 0;
          Running fresh = start(r.spec, r.restarts);
          fresh.wasReady = true;
          running.put(r.spec.name(), fresh);
          changed = true;
          break; // the map changed under the loop
        }
        continue;
      }
      if (!r.ready) {
        if (r.handle.isAlive()
            && Readiness.ready(r.spec, files.log(r.spec.name()), r.logOffset) == null) {
          markReady(r);
          changed = true;
        } else if (!r.handle.isAlive()) {
          scheduleRestart(r, "exited before it was ready again");
          changed = true;
        }
        continue;
      }
      if (now < r.nextCheckNanos) {
        continue;
      }
      r.nextCheckNanos = now + LIVENESS_INTERVAL.toNanos();
      String why =
          r.handle.isAlive() ? Readiness.live(r.spec) : "process " + r.id.pid() + " exited";
      if (why == null) {
        r.liveFailures = 0;
        continue;
      }
      r.liveFailures++;
      if (!r.handle.isAlive() || r.liveFailures >= LIVENESS_FAILURES) {
        scheduleRestart(r, why);
        changed = true;
      }
    }
    if (changed) {
      writeState();
    }
  }

  private void scheduleRestart(Running r, String why) {
    terminate(List.of(r));
    r.ready = false;
    r.restarts++;
    long backoffMs = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(10, r.restarts - 1));
    r.restartAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
    say(
        r.spec.name()
            + " failed liveness ("
            + why
            + "); restart #"
            + r.restarts
            + " in "
            + backoffMs
            + " ms");
  }

  private Running start(LocalSpec spec, int restarts) {
    Path logFile = files.log(spec.name());
    try {
      Files.createDirectories(logFile.getParent());
      Path work = files.work(spec.name());
      Files.createDirectories(work);
      Files.writeString(
          logFile,
          "---- oasis: " + Instant.now() + " starting " + spec.name() + " " + spec.version() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      long offset = Files.size(logFile);
      ClassDataArchives.Launch launch = classData.launch(spec.artifact());
      List<String> command = new ArrayList<>(spec.command());
      if (!command.isEmpty() && spec.artifact() != null) {
        command.addAll(1, launch.flags()); // right after the java executable
      }
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(spec.env());
      pb.environment().putAll(SealedVariables.open(spec.variablesFile()));
      Process p = pb.start();
      Running r = new Running();
      r.spec = spec;
      r.process = p;
      r.handle = p.toHandle();
      r.id = ProcessIdentity.of(r.handle);
      r.restarts = restarts;
      r.logOffset = offset;
      r.startedNanos = System.nanoTime();
      r.classDataDump = command.size() > spec.command().size() ? launch.dump() : null;
      r.grpcPort = spec.kind() == InstanceKind.SERVICE ? spec.grpcPort() : null;
      running.put(spec.name(), r);
      say("started " + spec.name() + " (pid " + r.id.pid() + ")");
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name() + ": " + spec.command(), e);
    }
  }

  /** Stops the named instances: services first, then infrastructure; SIGTERM, grace, SIGKILL. */
  private void stop(List<String> names) {
    List<Running> services = new ArrayList<>();
    List<Running> infra = new ArrayList<>();
    for (String n : names) {
      Running r = running.remove(n);
      if (r != null) {
        (r.spec.kind() == InstanceKind.SERVICE ? services : infra).add(r);
      }
    }
    terminate(services);
    terminate(infra);
  }

  private void terminate(List<Running> list) {
    List<ProcessHandle> handles =
        list.stream().map(r -> r.handle).filter(ProcessHandle::isAlive).toList();
    for (Running r : list) {
      say("stopping " + r.spec.name() + " (pid " + r.id.pid() + ")");
    }
    ProcessControl.terminate(handles, GRACE, this::say);
    list.forEach(this::settleClassData);
  }

  /** Keeps the class-data archive a stopped process wrote, if it wrote one and exited cleanly. */
  private void settleClassData(Running r) {
    if (r.classDataDump == null) {
      return;
    }
    int exit = r.process != null && !r.process.isAlive() ? r.process.exitValue() : -1;
    classData.settle(r.spec.artifact(), r.classDataDump, exit);
    r.classDataDump = null;
  }

  private void writeState() {
    Map<String, SupervisorState.InstanceRecord> recs = new LinkedHashMap<>();
    running.forEach(
        (n, r) ->
            recs.put(
                n,
                new SupervisorState.InstanceRecord(
                    r.id,
                    r.spec.hash(),
                    r.ready,
                    r.readyMillis,
                    r.restarts,
                    r.logOffset,
                    r.grpcPort)));
    files.writeState(
        new SupervisorState(
            ProcessIdentity.current(),
            generation,
            phase,
            failedInstance,
            reason,
            recs,
            Instant.now()));
  }

  private void say(String line) {
    log.println(Instant.now() + " " + line);
    log.flush();
  }
}
