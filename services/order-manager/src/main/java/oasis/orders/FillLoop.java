package oasis.orders;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.TradingMode;

/**
 * Follows every real-money order that may be working at the venue until it is done: each pass asks
 * the venue about every open order in the store and applies what it says (new fills, each once;
 * done; adopted or given up when it may never have arrived). The first pass runs at start, before
 * the service answers anyone: reconciliation. Every instance of every track may run one: the
 * store's compare-and-set and the per-fill ids make two passes over one order count each fill once.
 * Paper orders are never in doubt and are not polled.
 */
public final class FillLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FillLoop.class);

  /** How often open orders are polled. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  /**
   * How long an order the venue does not know may stay in doubt (UNKNOWN, a stale claim) before it
   * is given up as never sent: well past any retry of the risk engine, so a late retry finds it
   * REJECTED instead of sending a stale order.
   */
  public static final Duration GIVE_UP = Duration.ofSeconds(60);

  private final OrderStore store;
  private final OrderService orders;
  private final Duration giveUp;
  private ScheduledExecutorService timer;

  /** Polls the open orders of {@code store} through {@code orders}. */
  public FillLoop(OrderStore store, OrderService orders, Duration giveUp) {
    this.store = store;
    this.orders = orders;
    this.giveUp = giveUp;
  }

  /** One pass over every open real-money order; returns how many of them changed. */
  public int pass() {
    int changed = 0;
    try {
      for (Order order : store.open()) {
        if (order.mode() != TradingMode.REAL) {
          continue;
        }
        try {
          if (!orders.refresh(order, giveUp).equals(order)) {
            changed++;
          }
        } catch (RuntimeException e) {
          LOG.warn("order {} not followed this pass: {}", order.orderId(), e.toString());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("open orders not readable, followed next pass: {}", e.toString());
    }
    return changed;
  }

  /** Runs a pass every {@code period}, on its own thread. */
  public synchronized FillLoop start(Duration period) {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "fill-loop");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleWithFixedDelay(
          this::pass, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (timer != null) {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
