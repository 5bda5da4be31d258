package oasis.analysis.traffic;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderSubmissionResponse;

/**
 * Analysis traffic for an order manager's tracks, sent while an analysis runs when organic traffic
 * is too thin to decide on (Flagger's load tester, built in and safe for a trading system). To each
 * track alike, at {@code rate} calls a second: one paper BUY of the smallest quantity, the equal
 * SELL as soon as it filled, then read-only {@code GetOrderStatus} calls for that order. Orders are
 * paper, of strategy {@value PaperOrders#STRATEGY}, with client order ids {@value
 * PaperOrders#PREFIX}...; every call carries the header {@value #HEADER}{@code : analysis}. A leg
 * is retried with the same client order id (the order manager is idempotent on it), so a call that
 * failed on the way back never opens a second position; closing sends the SELL until it fills. Only
 * for environments where paper money trades: the caller never starts it elsewhere.
 */
public final class AnalysisTraffic implements AutoCloseable {

  /** The header that labels every analysis call. */
  public static final String HEADER = "x-oasis-traffic";

  private static final long DEADLINE_MS = 5_000;
  private static final int CLOSE_ATTEMPTS = 10;

  /** One track's order manager. */
  public record Endpoint(String track, String address) {}

  /** Calls sent to one track, how many failed, and the last failure (null when none). */
  public record Sent(long calls, long failed, String lastFailure) {}

  private final ScheduledExecutorService timer;
  private final List<Flow> flows = new ArrayList<>();
  private final Consumer<String> progress;

  private AnalysisTraffic(List<Flow> flows, double rate, Consumer<String> progress) {
    this.progress = progress;
    this.flows.addAll(flows);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "oasis-analysis-traffic");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, Math.round(1_000_000 / rate));
    for (Flow f : this.flows) {
      timer.scheduleAtFixedRate(f::tick, 0, period, TimeUnit.MICROSECONDS);
    }
  }

  /**
   * Starts sending to {@code endpoints} at {@code rate} calls a second each: orders of {@code
   * quantity} {@code symbol}.
   */
  public static AnalysisTraffic start(
      List<Endpoint> endpoints,
      double rate,
      String symbol,
      String quantity,
      Consumer<String> progress) {
    List<Flow> flows = new ArrayList<>();
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (Endpoint e : endpoints) {
      flows.add(new Flow(e, symbol, quantity, PaperOrders.PREFIX + run + "-" + e.track(), rate));
    }
    return new AnalysisTraffic(flows, rate, progress);
  }

  /** The component analysis traffic knows how to call: the order manager. */
  public static final String ORDERS = "order-manager";

  /** The smallest order: what smoke's order probe trades too. */
  static final String SYMBOL = "BTC-USD";

  static final String QUANTITY = "0.0001";

  /**
   * Starts analysis traffic for a rollout of {@code components} on {@code track} at {@code rate}
   * calls a second per track (0: none), to the order manager's {@code track} and {@code stable}
   * instances; null when there is nothing to send to (no rate, no order manager on the track, or a
   * target that does not say where its gRPC endpoints are).
   */
  public static AnalysisTraffic forRollout(
      oasis.runtime.MetricsEndpoints endpoints,
      double rate,
      List<String> components,
      String track,
      String stable,
      Consumer<String> progress) {
    if (rate <= 0 || !components.contains(ORDERS)) {
      return null;
    }
    List<Endpoint> to = new ArrayList<>();
    for (String t : List.of(track, stable)) {
      endpoints.grpc(ORDERS, t).stream().findFirst().ifPresent(a -> to.add(new Endpoint(t, a)));
    }
    if (to.size() < 2) {
      progress.accept("  analysis traffic: no gRPC endpoint of both tracks known; none sent");
      return null;
    }
    progress.accept(
        "  analysis traffic: "
            + Math.round(rate)
            + " calls/s to "
            + ORDERS
            + " on "
            + track
            + " and "
            + stable
            + " (paper orders of strategy "
            + PaperOrders.STRATEGY
            + ", header "
            + HEADER
            + ")");
    return start(to, rate, SYMBOL, QUANTITY, progress);
  }

  /** What each track was sent so far. */
  public Map<String, Sent> sent() {
    Map<String, Sent> out = new LinkedHashMap<>();
    for (Flow f : flows) {
      out.put(f.endpoint.track(), new Sent(f.calls.get(), f.failed.get(), f.lastFailure));
    }
    return out;
  }

  /** Stops sending; a BUY that filled gets its SELL before this returns (bounded). */
  @Override
  public void close() {
    timer.shutdownNow();
    for (Flow f : flows) {
      String left = f.flatten();
      if (left != null) {
        progress.accept("  analysis traffic: " + left);
      }
      f.channel.shutdownNow();
    }
  }

  /** The traffic of one track: BUY, SELL, then status reads. */
  private static final class Flow {
    private final Endpoint endpoint;
    private final String symbol;
    private final String quantity;
    private final String orderId;
    private final ManagedChannel channel;
    private final OrderExecutorGrpc.OrderExecutorFutureStub stub;
    private final OrderExecutorGrpc.OrderExecutorBlockingStub blocking;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private volatile String leg = "BUY";
    private volatile boolean orderInFlight;
    private volatile String lastFailure;

    Flow(Endpoint e, String symbol, String quantity, String orderId, double rate) {
      this.endpoint = e;
      this.symbol = symbol;
      this.quantity = quantity;
      this.orderId = orderId;
      this.maxInFlight = (int) Math.max(4, Math.ceil(rate * 2));
      Metadata label = new Metadata();
      label.put(Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER), "analysis");
      this.channel =
          ManagedChannelBuilder.forTarget(e.address())
              .usePlaintext()
              .intercept(MetadataUtils.newAttachHeadersInterceptor(label))
              .build();
      this.stub = OrderExecutorGrpc.newFutureStub(channel);
      this.blocking = OrderExecutorGrpc.newBlockingStub(channel);
    }

    void tick() {
      // calls queued while a channel connects would time out in the client, not in the service
      if (inFlight.get() >= maxInFlight
          || channel.getState(true) != io.grpc.ConnectivityState.READY) {
        return;
      }
      if (leg == null) {
        send(
            stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .getOrderStatus(PaperOrders.status(orderId + "-buy")),
            r -> {});
      } else if (!orderInFlight) {
        orderInFlight = true;
        String side = leg;
        send(
            stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).executeOrder(order(side)),
            r -> advance(side, (OrderSubmissionResponse) r));
      }
    }

    private trading.contracts.OrderRequest order(String side) {
      return PaperOrders.paper(
          orderId + "-" + side.toLowerCase(java.util.Locale.ROOT), symbol, side, quantity);
    }

    /** A filled BUY is followed by its SELL; a filled SELL leaves the reads. */
    private void advance(String side, OrderSubmissionResponse r) {
      boolean filled = "FILLED".equals(r.getStatus());
      if ("BUY".equals(side)) {
        leg = filled ? "SELL" : "BUY-REJECTED";
      } else if (filled) {
        leg = null;
      }
      if ("BUY-REJECTED".equals(leg)) {
        // no position was opened (e.g. no market price yet): reads of the rejected order still
        // exercise the service without any position
        leg = null;
      }
    }

    private <T> void send(ListenableFuture<T> call, Consumer<Object> onOk) {
      inFlight.incrementAndGet();
      calls.incrementAndGet();
      Futures.addCallback(
          call,
          new FutureCallback<T>() {
            @Override
            public void onSuccess(T r) {
              inFlight.decrementAndGet();
              onOk.accept(r);
              orderInFlight = false;
            }

            @Override
            public void onFailure(Throwable t) {
              inFlight.decrementAndGet();
              failed.incrementAndGet();
              lastFailure = io.grpc.Status.fromThrowable(t).toString();
              orderInFlight = false;
            }
          },
          MoreExecutors.directExecutor());
    }

    /** Sends the SELL of a filled BUY until it fills; what is left open, or null. */
    String flatten() {
      for (int i = 0; i < CLOSE_ATTEMPTS && "SELL".equals(leg); i++) {
        try {
          OrderSubmissionResponse r =
              blocking
                  .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                  .executeOrder(order("SELL"));
          if ("FILLED".equals(r.getStatus())) {
            leg = null;
          }
        } catch (RuntimeException e) {
          // retried with the same client order id: the order manager answers a repeat once
        }
      }
      return "SELL".equals(leg)
          ? "the SELL of "
              + orderId
              + "-buy on the "
              + endpoint.track()
              + " track did not fill: "
              + quantity
              + " "
              + symbol
              + " paper position left open"
          : null;
    }
  }
}
