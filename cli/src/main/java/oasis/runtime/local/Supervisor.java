package oasis.runtime.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  static final Duration TICK = Duration.ofMillis(100);

  /**
   * How often starting instances are probed: probes of a port nobody listens on yet cost little,
   * and a rollback waits for the first probe that passes.
   */
  static final Duration STARTING_TICK = Duration.ofMillis(25);

  /** How long callers take to see a new routes file (their poll) before the old process stops. */
  static final Duration ROUTES_SEEN = Duration.ofMillis(400);

  private final LocalFiles files;
  private final PrintStream log;
  private final ClassDataArchives classData;
  private final ProcessLauncher launcher;
  private final Liveness liveness;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private long generation;
  private String phase = "starting";
  private String failedInstance;
  private String reason;

  Supervisor(LocalFiles files, PrintStream log) {
    this.files = files;
    this.log = log;
    this.classData = new ClassDataArchives(files.classData());
    this.launcher = new ProcessLauncher(files, classData, this::say);
    this.liveness = new Liveness(files, running, launcher, this::say);
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
            (name, rec) ->
                Running.adopt(name, rec, desired)
                    .ifPresent(
                        r -> {
                          running.put(name, r);
                          say("adopted " + name + " (pid " + r.id.pid() + ")");
                        }));
    if (!"ready".equals(phase) && !"stopped".equals(phase)) {
      generation = -1; // an unfinished convergence: do it again
    }
  }

  private void converge(LocalDesired desired) throws InterruptedException {
    phase = "converging";
    failedInstance = null;
    reason = null;
    say("converging to generation " + desired.generation());
    Map<String, LocalSpec> want = new LinkedHashMap<>();
    desired.instances().forEach(s -> want.put(s.name(), s));
    reinstate(want);
    stop(unwanted(desired, want));
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
      if (r != null && r.serving()) {
        ready.add(spec.name()); // unchanged and ready: supervise() watches its liveness
      } else {
        pending.put(spec.name(), spec);
      }
    }
    for (LocalSpec spec : pending.values()) {
      if (running.get(spec.name()) == null) {
        running.put(spec.name(), launcher.start(spec, 0));
      }
    }
    writeState();
    if (awaitReady(desired, want, pending, ready, deadline)) {
      phase = "ready";
      writeState();
      say("generation " + desired.generation() + " ready");
      stopRetiring();
    }
  }

  /**
   * What no longer runs as {@code desired} wants it: dropped or changed, unless make-before-break
   * keeps it serving (retired) until its replacement is ready.
   */
  private List<String> unwanted(LocalDesired desired, Map<String, LocalSpec> want) {
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
    return drop;
  }

  /**
   * Probes {@code pending} until each is ready with its dependencies: true once all are; false when
   * one failed (recorded), the deadline passed (recorded) or a newer plan arrived.
   */
  private boolean awaitReady(
      LocalDesired desired,
      Map<String, LocalSpec> want,
      Map<String, LocalSpec> pending,
      Set<String> ready,
      long deadline)
      throws InterruptedException {
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
          fail(spec.name(), spec.name() + " exited during start-up" + r.exit());
          return false;
        }
        String why = notReady(spec, r, want, ready);
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
        timedOut(pending, waitingFor);
        return false;
      }
      LocalDesired now = files.readDesired();
      if (now != null && now.generation() != desired.generation()) {
        return false; // a newer plan arrived: the main loop converges to it
      }
      Thread.sleep(STARTING_TICK.toMillis());
    }
    return true;
  }

  /** Null once {@code spec}'s own probes pass and its dependencies are ready, else why not. */
  private String notReady(
      LocalSpec spec, Running r, Map<String, LocalSpec> want, Set<String> ready) {
    String why = Readiness.ready(spec, files.log(spec.name()), r.logOffset);
    if (why != null) {
      return why;
    }
    return spec.launch().dependsOn().stream()
        .filter(d -> want.containsKey(d) && !ready.contains(d))
        .findFirst()
        .map(d -> "waiting for " + d)
        .orElse(null);
  }

  /** Names the instance that is itself not ready, not one that waits for it. */
  private void timedOut(Map<String, LocalSpec> pending, Map<String, String> waitingFor) {
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
  }

  /**
   * Make-before-break: the running process of a changed service is kept serving under a retiring
   * name while its replacement starts (on other ports), and one the plan drops (a track that lost
   * its traffic) until the plan is ready; returns whether it was retired.
   */
  private boolean retire(String name, Map<String, LocalSpec> want) {
    Running r = running.get(name);
    if (r == null
        || r.retiring
        || r.spec.launch().kind() != InstanceKind.SERVICE
        || !r.handle.isAlive()) {
      return false;
    }
    if (want.containsKey(name) && r.spec.launch().ports().equals(want.get(name).launch().ports())) {
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
    launcher.terminate(list);
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

  private void markReady(Running r) {
    liveness.markReady(r);
  }

  /** Liveness of ready instances, readiness of restarted ones, and due restarts. */
  private void supervise() {
    if (liveness.check()) {
      writeState();
    }
  }

  /** Stops the named instances: services first, then infrastructure; SIGTERM, grace, SIGKILL. */
  private void stop(List<String> names) {
    List<Running> services = new ArrayList<>();
    List<Running> infra = new ArrayList<>();
    for (String n : names) {
      Running r = running.remove(n);
      if (r != null) {
        (r.spec.launch().kind() == InstanceKind.SERVICE ? services : infra).add(r);
      }
    }
    launcher.terminate(services);
    launcher.terminate(infra);
  }

  private void writeState() {
    Map<String, SupervisorState.InstanceRecord> recs = new LinkedHashMap<>();
    running.forEach((n, r) -> recs.put(n, r.record()));
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
