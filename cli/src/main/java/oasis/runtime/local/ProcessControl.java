package oasis.runtime.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Stops processes the way the runtime contract promises: SIGTERM, a grace period, SIGKILL. */
final class ProcessControl {

  private ProcessControl() {}

  /** Terminates all {@code handles} in parallel; returns once every one is gone (bounded). */
  static void terminate(List<ProcessHandle> handles, Duration grace, Consumer<String> say) {
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : handles) {
      if (!waitFor(h, deadline - System.nanoTime())) {
        say.accept("pid " + h.pid() + " ignored SIGTERM for " + grace.toSeconds() + " s: SIGKILL");
        h.destroyForcibly();
      }
    }
    long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle h : handles) {
      if (!waitFor(h, killDeadline - System.nanoTime())) {
        say.accept("pid " + h.pid() + " is still there 5 s after SIGKILL");
      }
    }
  }

  static boolean waitFor(ProcessHandle h, long nanos) {
    if (!h.isAlive()) {
      return true;
    }
    try {
      CompletableFuture<ProcessHandle> exit = h.onExit();
      exit.get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return !h.isAlive();
    } catch (ExecutionException e) {
      return !h.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !h.isAlive();
    }
  }
}
