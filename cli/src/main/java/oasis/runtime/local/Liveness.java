package oasis.runtime.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The supervisor's watch over ready processes: the contract's liveness probe every second, a
 * restart after three failures or an exit (with backoff, counted), readiness again after a restart.
 */
final class Liveness {

  static final Duration LIVENESS_INTERVAL = Duration.ofSeconds(1);
  static final int LIVENESS_FAILURES = 3;
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final LocalFiles files;
  private final Map<String, Running> running;
  private final ProcessLauncher launcher;
  private final Consumer<String> say;

  /** {@code running}: the supervisor's own map, which a restart updates. */
  Liveness(
      LocalFiles files,
      Map<String, Running> running,
      ProcessLauncher launcher,
      Consumer<String> say) {
    this.files = files;
    this.running = running;
    this.launcher = launcher;
    this.say = say;
  }

  /** Records {@code r} ready: its liveness is checked from now on. */
  void markReady(Running r) {
    r.ready = true;
    r.wasReady = true;
    r.readyMillis = (System.nanoTime() - r.startedNanos) / 1_000_000;
    r.liveFailures = 0;
    r.nextCheckNanos = System.nanoTime() + LIVENESS_INTERVAL.toNanos();
    say.accept(r.spec.name() + " ready after " + r.readyMillis + " ms");
  }

  /**
   * Checks the liveness of ready instances, the readiness of restarted ones, and restarts what is
   * due; returns whether anything changed.
   */
  boolean check() {
    long now = System.nanoTime();
    boolean changed = false;
    for (Running r : running.values()) {
      if (!r.wasReady || r.spec.launch().command().isEmpty() || r.retiring) {
        continue;
      }
      if (r.restartAtNanos > 0) {
        if (now >= r.restartAtNanos) {
          r.restartAtNanos = 0;
          Running fresh = launcher.start(r.spec, r.restarts);
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
    return changed;
  }

  private void scheduleRestart(Running r, String why) {
    launcher.terminate(List.of(r));
    r.ready = false;
    r.restarts++;
    long backoffMs = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(10, r.restarts - 1));
    r.restartAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
    say.accept(
        r.spec.name()
            + " failed liveness ("
            + why
            + "); restart #"
            + r.restarts
            + " in "
            + backoffMs
            + " ms");
  }
}
