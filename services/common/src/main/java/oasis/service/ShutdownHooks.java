package oasis.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named shutdown hooks run in reverse order of registration, together bounded by a deadline. */
final class ShutdownHooks {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);

  private record Named(String name, ShutdownHook hook) {}

  private final Deque<Named> hooks = new ArrayDeque<>();

  void add(String name, ShutdownHook hook) {
    hooks.push(new Named(name, hook));
  }

  /** Runs every hook; returns false if one failed or the deadline passed. */
  boolean runAll(long deadlineNanos) {
    ExecutorService runner = Executors.newSingleThreadExecutor(Threads.daemon("shutdown-hook"));
    boolean clean = true;
    try {
      for (Named named : hooks) {
        clean &= runOne(runner, named, deadlineNanos);
      }
    } finally {
      runner.shutdownNow();
    }
    return clean;
  }

  private static boolean runOne(ExecutorService runner, Named named, long deadlineNanos) {
    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
    Future<?> result =
        runner.submit(
            () -> {
              named.hook().run();
              return null;
            });
    try {
      result.get(remaining, TimeUnit.NANOSECONDS);
      LOG.info("shutdown hook {} done", named.name());
      return true;
    } catch (TimeoutException e) {
      result.cancel(true);
      LOG.error(
          "shutdown hook {} did not finish within the shutdown budget ({} ms left)",
          named.name(),
          Duration.ofNanos(remaining).toMillis());
    } catch (ExecutionException e) {
      LOG.error("shutdown hook {} failed", named.name(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("interrupted while running shutdown hook {}", named.name());
    }
    return false;
  }
}
