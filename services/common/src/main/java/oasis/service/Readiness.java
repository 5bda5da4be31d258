package oasis.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness checks registry: evaluates named checks periodically, each bounded by a timeout,
 * and tells listeners (the {@code /readyz} probe, gRPC health) when the outcome changes.
 */
public final class Readiness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  /** How often the checks run until the service is ready for the first time. */
  static final Duration STARTING_PERIOD = Duration.ofMillis(50);

  private final Map<String, ReadinessCheck> checks;
  private final Duration checkTimeout;
  private final List<Consumer<ReadinessState>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService checkRunner =
      Executors.newCachedThreadPool(Threads.daemon("readiness-check"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("readiness"));
  private volatile ReadinessState state = ReadinessState.notReady("starting");
  private volatile boolean shuttingDown;
  private volatile boolean everReady;

  Readiness(Map<String, ReadinessCheck> checks, Duration checkTimeout) {
    this.checks = new LinkedHashMap<>(checks);
    this.checkTimeout = checkTimeout;
  }

  /** The latest outcome. */
  public ReadinessState current() {
    return state;
  }

  void addListener(Consumer<ReadinessState> listener) {
    listeners.add(listener);
    listener.accept(state);
  }

  /** Evaluates every check now, publishes and returns the outcome. */
  public synchronized ReadinessState refresh() {
    ReadinessState next = shuttingDown ? ReadinessState.notReady("shutting down") : evaluate();
    if (!next.equals(state)) {
      if (next.ready()) {
        everReady = true;
        LOG.info("ready");
      } else {
        LOG.warn("not ready: {}", next.reason());
      }
      state = next;
      listeners.forEach(l -> l.accept(next));
    }
    return next;
  }

  /**
   * Evaluates now, then every {@code period}; until the first time every check passes, every {@link
   * #STARTING_PERIOD}, so a service reports ready within a fraction of a second of its dependencies
   * (the targets start everything at once and wait on readiness).
   */
  void start(Duration period) {
    refresh();
    scheduleNext(period);
  }

  private void scheduleNext(Duration period) {
    Duration delay = everReady ? period : STARTING_PERIOD;
    try {
      ticker.schedule(
          () -> {
            refreshLogged();
            scheduleNext(period);
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: no more evaluations
    }
  }

  void markShuttingDown() {
    shuttingDown = true;
    refresh();
  }

  private void refreshLogged() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.error("readiness evaluation failed", e);
    }
  }

  private ReadinessState evaluate() {
    for (Map.Entry<String, ReadinessCheck> check : checks.entrySet()) {
      String failure = run(check.getKey(), check.getValue());
      if (failure != null) {
        return ReadinessState.notReady(failure);
      }
    }
    return ReadinessState.READY;
  }

  private String run(String name, ReadinessCheck check) {
    Future<Boolean> result = checkRunner.submit(check::isReady);
    try {
      return result.get(checkTimeout.toMillis(), TimeUnit.MILLISECONDS)
          ? null
          : name + ": not ready";
    } catch (TimeoutException e) {
      result.cancel(true);
      return name + ": no answer within " + checkTimeout.toMillis() + " ms";
    } catch (ExecutionException e) {
      return name + ": " + oneLine(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return name + ": interrupted";
    }
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s+", " ");
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    checkRunner.shutdownNow();
  }
}
