package oasis.connector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Coinbase WebSocket feed over the JDK client: subscribes on every connection and reconnects
 * with exponential backoff whenever the connection fails or closes.
 */
final class WebSocketFeed implements Feed {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFeed.class);

  private final URI url;
  private final String subscribe;
  private final Consumer<String> handler;
  private final Backoff backoff;
  private final ConnectorMetrics metrics;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ws-reconnect");
            t.setDaemon(true);
            return t;
          });
  private final Duration idleTimeout;
  private final ProductClock productClock;
  private final java.util.function.Function<String, String> subscribeOne;
  private final AtomicLong generation = new AtomicLong();
  private volatile WebSocket socket;
  private volatile boolean open;
  private volatile boolean closed;
  private volatile long lastMessageNanos = System.nanoTime();

  WebSocketFeed(
      URI url,
      String subscribe,
      Consumer<String> handler,
      Backoff backoff,
      java.util.function.Function<String, String> subscribeOne,
      Duration idleTimeout,
      ProductClock productClock,
      ConnectorMetrics metrics) {
    this.idleTimeout = idleTimeout;
    this.subscribeOne = subscribeOne;
    this.productClock = productClock;
    this.url = url;
    this.subscribe = subscribe;
    this.handler = handler;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  @Override
  public void start() {
    connect();
    if (!idleTimeout.isZero()) {
      scheduler.scheduleWithFixedDelay(this::checkIdle, 1, 1, TimeUnit.SECONDS);
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    long attempt = generation.get();
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(url, new Listener(attempt))
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                reconnect(attempt, "cannot connect to " + url + ": " + error.getMessage());
              }
            });
  }

  /**
   * A connection that delivers nothing for the idle timeout is as good as dead; so is one on which
   * a subscribed product stays silent that long (its heartbeats come every second).
   */
  private void checkIdle() {
    long idle = System.nanoTime() - lastMessageNanos;
    WebSocket ws = socket;
    if (!open || ws == null) {
      return;
    }
    String reason = null;
    if (idle > idleTimeout.toNanos()) {
      reason = "no message for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms";
    } else {
      reason =
          productClock
              .silentLongerThan(idleTimeout)
              .map(p -> "nothing about " + p + " for more than " + idleTimeout.toMillis() + " ms")
              .orElse(null);
    }
    if (reason != null) {
      long attempt = generation.get();
      productClock.resetAll();
      ws.abort();
      reconnect(attempt, reason);
    }
  }

  @Override
  public void resubscribe(String product) {
    WebSocket ws = socket;
    if (open && ws != null) {
      ws.sendText(subscribeOne.apply(product), true)
          .whenComplete(
              (sent, error) -> {
                if (error != null) {
                  LOG.warn("re-subscribing {} failed: {}", product, error.getMessage());
                }
              });
    }
  }

  /** Schedules one new connection per failed one, however many callbacks report the failure. */
  private void reconnect(long attempt, String reason) {
    if (closed || !generation.compareAndSet(attempt, attempt + 1)) {
      return;
    }
    open = false;
    Duration delay = backoff.next();
    metrics.reconnects.inc();
    LOG.warn("feed down ({}); reconnecting in {} ms", reason, delay.toMillis());
    scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean connected() {
    return open;
  }

  @Override
  public void close() {
    closed = true;
    open = false;
    scheduler.shutdownNow();
    WebSocket ws = socket;
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "connector stopping");
      ws.abort();
    }
  }

  /** Assembles fragmented text messages and hands each complete one to the handler. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final long attempt;

    Listener(long attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onOpen(WebSocket ws) {
      socket = ws;
      lastMessageNanos = System.nanoTime();
      productClock.resetAll();
      LOG.info("connected to {}", url);
      ws.sendText(subscribe, true)
          .whenComplete(
              (sent, error) -> {
                if (error == null) {
                  open = true;
                  backoff.reset();
                } else {
                  ws.abort();
                  reconnect(attempt, "subscribe failed: " + error.getMessage());
                }
              });
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastMessageNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        if (!closed) {
          handler.accept(message);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      reconnect(attempt, "closed by the server: " + statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      reconnect(attempt, "connection error: " + error);
    }
  }
}
