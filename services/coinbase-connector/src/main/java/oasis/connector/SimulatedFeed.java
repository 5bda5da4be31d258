package oasis.connector;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of {@code sim://coinbase?rate=N}: N trades per second from a {@link SimulatedMarket},
 * answered like Coinbase answers a subscribe (subscriptions, then each product's {@code
 * last_match}), with one heartbeat per product per second when the heartbeat channel is asked for.
 */
final class SimulatedFeed implements Feed {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFeed.class);
  private static final long TICK_MILLIS = 10;

  private final SimulatedMarket market;
  private final List<String> products;
  private final List<String> channels;
  private final int ratePerSecond;
  private final Consumer<String> handler;
  private final Clock clock;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sim-feed");
            t.setDaemon(true);
            return t;
          });
  private long startNanos;
  private long emitted;
  private volatile boolean running;

  SimulatedFeed(
      List<String> products,
      List<String> channels,
      int ratePerSecond,
      SimulatedMarket.Faults faults,
      Consumer<String> handler,
      Clock clock) {
    this.market = new SimulatedMarket(products, new Random(), faults);
    this.products = List.copyOf(products);
    this.channels = channels;
    this.ratePerSecond = ratePerSecond;
    this.handler = handler;
    this.clock = clock;
  }

  @Override
  public void start() {
    LOG.info("simulated feed: {} trades per second", ratePerSecond);
    running = true;
    ticker.execute(
        () -> {
          handler.accept(market.subscriptions(channels));
          products.forEach(p -> handler.accept(market.lastMatch(p, clock.instant())));
        });
    startNanos = System.nanoTime();
    ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    if (channels.contains("heartbeat")) {
      ticker.scheduleAtFixedRate(this::heartbeats, 1, 1, TimeUnit.SECONDS);
    }
  }

  private void tick() {
    try {
      long due = (System.nanoTime() - startNanos) * ratePerSecond / 1_000_000_000L;
      while (emitted < due && running) {
        market.next(clock.instant()).forEach(handler);
        emitted++;
      }
    } catch (RuntimeException e) {
      LOG.error("simulated feed tick failed", e);
    }
  }

  private void heartbeats() {
    try {
      products.forEach(p -> handler.accept(market.heartbeat(p, clock.instant())));
    } catch (RuntimeException e) {
      LOG.error("simulated heartbeat failed", e);
    }
  }

  @Override
  public boolean connected() {
    return running;
  }

  @Override
  public void resubscribe(String product) {
    if (running && products.contains(product)) {
      ticker.execute(
          () -> {
            handler.accept(market.subscriptions(channels));
            handler.accept(market.lastMatch(product, clock.instant()));
          });
    }
  }

  @Override
  public void close() {
    running = false;
    ticker.shutdownNow();
  }
}
