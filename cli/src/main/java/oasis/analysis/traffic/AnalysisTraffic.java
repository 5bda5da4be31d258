package oasis.analysis.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * Analysis traffic, sent while an analysis runs when organic traffic is too thin to decide on
 * (Flagger's load tester, built in and safe for a trading system), to each track alike at {@code
 * rate} calls a second:
 *
 * <ul>
 *   <li>to an order manager, only where paper money trades: one paper BUY of the smallest quantity,
 *       the equal SELL as soon as it filled, then read-only {@code GetOrderStatus} calls for that
 *       order. Orders are paper, of strategy {@value PaperOrders#STRATEGY}, with client order ids
 *       {@value PaperOrders#PREFIX}...; a leg is retried with the same client order id (the order
 *       manager is idempotent on it), so a call that failed on the way back never opens a second
 *       position; closing sends the SELL until it fills;
 *   <li>to a risk engine that advertises dry runs ({@value #DRY_RUN_METRIC}): dry-run signals
 *       (metadata {@value #DRY_RUN}{@code =true}), validated and never forwarded. These are the
 *       only analysis traffic where real money trades. A dry run that comes back forwarded stops
 *       the traffic at once and says so.
 * </ul>
 *
 * Every call carries the header {@value #HEADER}{@code : analysis}.
 */
public final class AnalysisTraffic implements AutoCloseable {

  /** The header that labels every analysis call. */
  public static final String HEADER = "x-oasis-traffic";

  /** The signal metadata that makes a risk engine validate without forwarding. */
  static final String DRY_RUN = "oasis.dry_run";

  /** The metric by which a risk engine says it honours {@value #DRY_RUN}. */
  static final String DRY_RUN_METRIC = "risk_dry_runs_total";

  static final long DEADLINE_MS = 5_000;
  static final int CLOSE_ATTEMPTS = 10;

  /** One track's order manager. */
  /** A track's gRPC address; {@code credentials} for mutual TLS (issue 18), null for plaintext. */
  public record Endpoint(String track, String address, io.grpc.ChannelCredentials credentials) {
    public Endpoint(String track, String address) {
      this(track, address, null);
    }
  }

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
      flows.add(
          new OrderFlow(e, symbol, quantity, PaperOrders.PREFIX + run + "-" + e.track(), rate));
    }
    return new AnalysisTraffic(flows, rate, progress);
  }

  /** The components analysis traffic knows how to call. */
  public static final String ORDERS = "order-manager";

  public static final String RISK = "risk-engine";

  /** The smallest order: what smoke's order probe trades too. */
  static final String SYMBOL = "BTC-USD";

  static final String QUANTITY = "0.0001";

  /**
   * Starts analysis traffic for a rollout of {@code components} on {@code track} at {@code rate}
   * calls a second per track (0: none), to the {@code track} and {@code stable} instances of the
   * order manager (unless {@code signalsOnly}: where real money trades) and of the risk engine
   * (dry-run signals, if it advertises them); null when there is nothing to send to.
   */
  public static AnalysisTraffic forRollout(
      oasis.runtime.MetricsEndpoints endpoints,
      double rate,
      boolean signalsOnly,
      List<String> components,
      String track,
      String stable,
      Consumer<String> progress) {
    return forRollout(endpoints, rate, signalsOnly, components, track, stable, null, progress);
  }

  /** The same, calling with {@code credentials} (mutual TLS) when not null. */
  public static AnalysisTraffic forRollout(
      oasis.runtime.MetricsEndpoints endpoints,
      double rate,
      boolean signalsOnly,
      List<String> components,
      String track,
      String stable,
      io.grpc.ChannelCredentials credentials,
      Consumer<String> progress) {
    if (rate <= 0) {
      return null;
    }
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Flow> flows = new ArrayList<>();
    if (components.contains(ORDERS) && !signalsOnly) {
      List<Endpoint> to = both(endpoints, ORDERS, track, stable, credentials, progress);
      for (Endpoint e : to) {
        flows.add(
            new OrderFlow(e, SYMBOL, QUANTITY, PaperOrders.PREFIX + run + "-" + e.track(), rate));
      }
      if (!to.isEmpty()) {
        progress.accept(
            announce(
                rate,
                ORDERS,
                track,
                stable,
                "paper orders of strategy " + PaperOrders.STRATEGY + ", header " + HEADER));
      }
    }
    if (components.contains(RISK)) {
      List<Endpoint> to = both(endpoints, RISK, track, stable, credentials, progress);
      String refused = to.isEmpty() ? null : dryRunRefusal(endpoints, to);
      if (refused != null) {
        progress.accept("  analysis traffic: none to " + RISK + ": " + refused);
      } else if (!to.isEmpty()) {
        for (Endpoint e : to) {
          flows.add(new SignalFlow(e, SYMBOL, QUANTITY, rate, progress));
        }
        progress.accept(
            announce(
                rate,
                RISK,
                track,
                stable,
                "dry-run signals of strategy "
                    + PaperOrders.STRATEGY
                    + ", never forwarded; header "
                    + HEADER));
      }
    }
    return flows.isEmpty() ? null : new AnalysisTraffic(flows, rate, progress);
  }

  /** The line that says what traffic goes where. */
  private static String announce(
      double rate, String component, String track, String stable, String what) {
    return "  analysis traffic: "
        + Math.round(rate)
        + " calls/s to "
        + component
        + " on "
        + track
        + " and "
        + stable
        + " ("
        + what
        + ")";
  }

  /** The first gRPC endpoint of {@code component} on each of the two tracks; empty unless both. */
  private static List<Endpoint> both(
      oasis.runtime.MetricsEndpoints endpoints,
      String component,
      String track,
      String stable,
      io.grpc.ChannelCredentials credentials,
      Consumer<String> progress) {
    List<Endpoint> to = new ArrayList<>();
    for (String t : List.of(track, stable)) {
      endpoints.grpc(component, t).stream()
          .findFirst()
          .ifPresent(a -> to.add(new Endpoint(t, a, credentials)));
    }
    if (to.size() < 2) {
      progress.accept(
          "  analysis traffic: no gRPC endpoint of both tracks of "
              + component
              + " known; none sent");
      return List.of();
    }
    return to;
  }

  /**
   * Why dry-run signals may not go to these risk engines (one of them does not advertise {@value
   * #DRY_RUN_METRIC}, or cannot be asked), or null when every one does: a risk engine that ignored
   * the dry-run flag would forward the signal as an order.
   */
  static String dryRunRefusal(oasis.runtime.MetricsEndpoints endpoints, List<Endpoint> to) {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build();
    for (Endpoint e : to) {
      List<String> urls = endpoints.metrics(RISK, e.track());
      if (urls.isEmpty()) {
        return "no metrics endpoint of its "
            + e.track()
            + " track to tell whether it honours dry runs";
      }
      for (String url : urls) {
        try {
          var response =
              http.send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                      .timeout(java.time.Duration.ofSeconds(3))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200 || !response.body().contains(DRY_RUN_METRIC)) {
            return "its "
                + e.track()
                + " track does not advertise dry runs ("
                + DRY_RUN_METRIC
                + " missing at "
                + url
                + ")";
          }
        } catch (java.io.IOException ex) {
          return "cannot read " + url + " to tell whether it honours dry runs: " + ex.getMessage();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          return "interrupted";
        }
      }
    }
    return null;
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

  /** A dry-run BUY signal of {@code quantity} {@code symbol}, strategy oasis-analysis, paper. */
  static TradingSignal dryRunSignal(String symbol, String quantity) {
    java.time.Instant now = java.time.Instant.now();
    return TradingSignal.newBuilder()
        .setStrategyId(PaperOrders.STRATEGY)
        .setSymbol(symbol)
        .setSide("BUY")
        .setConfidence(1.0)
        .setSignalTimestamp(
            com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(now.getEpochSecond())
                .setNanos(now.getNano()))
        .setMode(TradingMode.PAPER)
        .putMetadata("quantity", quantity)
        .putMetadata(DRY_RUN, "true")
        .build();
  }
}
