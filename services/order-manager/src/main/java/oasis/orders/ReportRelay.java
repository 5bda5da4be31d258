package oasis.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;

/**
 * Drains the {@link ReportOutbox} to a {@link Sink} (Kafka) oldest first, and removes reports only
 * once the sink has acknowledged every one of them: a report is published at least once, whatever
 * happens to the broker or this process. A report may go out twice (acknowledged, then the process
 * died before it was removed); its {@code report_id} lets readers drop the repeat. One drainer at a
 * time (the outbox's lease), so reports leave in the order they were stored.
 */
public final class ReportRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportRelay.class);
  private static final int BATCH = 200;
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final long IDLE_POLL_MS = 200;
  private static final long RETRY_MS = 500;

  /** Where reports go; the future completes when the report is durably taken. */
  @FunctionalInterface
  public interface Sink {
    /** Sends {@code report}; completes exceptionally when it was not taken. */
    CompletableFuture<Void> send(ExecutionReport report);
  }

  private final ReportOutbox outbox;
  private final Sink sink;
  private final OrderMetrics metrics;
  private final String owner;
  private final Duration ackTimeout;
  private final boolean inline;
  private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
  private volatile boolean running;
  private Thread thread;

  private ReportRelay(
      ReportOutbox outbox,
      Sink sink,
      OrderMetrics metrics,
      String owner,
      Duration ackTimeout,
      boolean inline) {
    this.outbox = outbox;
    this.sink = sink;
    this.metrics = metrics;
    this.owner = owner;
    this.ackTimeout = ackTimeout;
    this.inline = inline;
  }

  /**
   * A relay with its own thread: drains whenever woken and every 200 ms; {@code ackTimeout} bounds
   * the wait for the broker's acknowledgements of one batch (longer than the producer's delivery
   * timeout).
   */
  public static ReportRelay background(
      ReportOutbox outbox, Sink sink, OrderMetrics metrics, String owner, Duration ackTimeout) {
    return new ReportRelay(outbox, sink, metrics, owner, ackTimeout, false);
  }

  /**
   * A relay that drains in the caller's thread when woken, to a publisher that takes each report at
   * once (tests, tools); a report it throws on stays in the outbox for the next wake.
   */
  public static ReportRelay inline(
      ReportOutbox outbox, ExecutionReportPublisher publisher, OrderMetrics metrics) {
    Sink sink =
        report -> {
          try {
            publisher.publish(report);
            return CompletableFuture.completedFuture(null);
          } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
          }
        };
    return new ReportRelay(outbox, sink, metrics, "inline", Duration.ofSeconds(5), true);
  }

  /** Starts the background thread (no-op for an inline relay). */
  public synchronized ReportRelay start() {
    if (!inline && thread == null) {
      running = true;
      thread = new Thread(this::loop, "execution-report-relay");
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  /** Reports were stored: drain now (inline) or soon (background). */
  public void wake() {
    if (inline) {
      drainOnce();
    } else {
      wakeups.offer(Boolean.TRUE);
    }
  }

  /**
   * Publishes what the outbox holds, batch by batch, until it is empty or the sink fails; returns
   * how many reports were acknowledged and removed. Nothing is removed that was not acknowledged.
   */
  public int drainOnce() {
    int published = 0;
    try {
      if (!outbox.lease(owner, LEASE)) {
        return 0; // another instance drains; it takes ours too (one outbox per store)
      }
      try {
        while (true) {
          List<ExecutionReport> batch = outbox.peek(BATCH);
          if (batch.isEmpty()) {
            return published;
          }
          awaitAcknowledged(batch);
          if (!outbox.lease(owner, LEASE)) {
            LOG.warn("outbox lease lost while publishing; the new holder publishes again");
            return published;
          }
          outbox.remove(batch.size());
          published += batch.size();
        }
      } finally {
        outbox.release(owner);
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      metrics.reportError();
      LOG.warn(
          "execution reports kept in the outbox, publishing again later: {}",
          e instanceof ExecutionException ? e.getCause().toString() : e.toString());
      return published;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return published;
    }
  }

  private void awaitAcknowledged(List<ExecutionReport> batch)
      throws ExecutionException, TimeoutException, InterruptedException {
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (ExecutionReport report : batch) {
      CompletableFuture<Void> ack = sink.send(report);
      acks.add(ack);
      if (ack.isCompletedExceptionally()) {
        break; // the broker is away (each further send would block for max.block.ms)
      }
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void loop() {
    while (running) {
      long before = outboxSize();
      drainOnce();
      long after = outboxSize();
      // A failed drain leaves reports: try again after a pause, not in a tight loop.
      long pause = after > 0 && after >= before ? RETRY_MS : IDLE_POLL_MS;
      try {
        wakeups.poll(pause, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    drainOnce(); // what the last changes before the shutdown stored
  }

  private long outboxSize() {
    try {
      return outbox.size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Publishes what it can (one last drain, each bounded by the acknowledgement timeout), then stops
   * the thread; what is left stays in the outbox (in Redis: for the next start).
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      wakeups.offer(Boolean.TRUE);
      t.join(2 * ackTimeout.toMillis() + 1000);
    }
  }
}
