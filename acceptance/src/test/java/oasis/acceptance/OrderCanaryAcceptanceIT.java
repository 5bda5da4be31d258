package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import oasis.orders.exchange.TestExchange;
import oasis.testing.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.TradingMode;

/**
 * Issue 20: a canary of the order manager through {@code oasis deploy --strategy canary}, with its
 * fault injection on, while a burst of real-money orders lands on both tracks and every unknown
 * outcome is retried on the other track. The test exchange (which, like Coinbase, does not
 * deduplicate client ids, and here loses answers after taking orders) must hold at most one order
 * per client id, whatever the rollout decides.
 */
@ExtendWith(StagingPorts.class)
class OrderCanaryAcceptanceIT {

  /** The four clients' rate together. */
  private static final int ORDERS_PER_SECOND = 50;

  /**
   * Orders whose answer the exchange holds for 30 s: each holds one of its 16 threads, so they are
   * counted, not left to the burst's length.
   */
  private static final int MAX_TIMEOUTS = 6;

  /** Sends of one order, the first included, before its client gives up on knowing the outcome. */
  private static final int ATTEMPTS = 12;

  private static final Set<String> FINAL =
      Set.of("ACCEPTED", "PARTIALLY_FILLED", "FILLED", "REJECTED", "CANCELED");

  @TempDir Path tmp;

  private final Map<String, String> tracks = new ConcurrentHashMap<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> sentTo = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  @Test
  void aFaultyOrderManagerCanaryUnderABurstOfRetriedOrdersPlacesNoOrderTwice() throws Exception {
    try (TestExchange exchange = TestExchange.start()) {
      AcceptanceProject project = new AcceptanceProject(tmp, this::quickCanary, Map.of());
      try {
        List<String> real = realMoney(exchange);
        CliResult stable = project.run(args(real, "deploy", "--timeout", "180s"));
        assertThat(stable.code()).as(stable.out() + stable.err()).isZero();

        List<String> canaryArgs = new ArrayList<>(real);
        canaryArgs.addAll(List.of("--set", "order-manager.OASIS_FAULT_ERROR_RATE=0.3"));
        CompletableFuture<CliResult> canary =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return project.run(
                        args(canaryArgs, "deploy", "--strategy", "canary", "--timeout", "180s"));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });

        List<String> ids = burst(project, exchange, canary);
        CliResult rollout = canary.get(240, TimeUnit.SECONDS);
        String seen =
            String.format(
                "%d orders: calls sent by track %s, answered %s, failed by status %s, %d orders at"
                    + " the exchange; the canary's deploy: exit %d%n%s%s",
                ids.size(),
                sentTo,
                answeredBy,
                failures,
                exchange.clientOids().size(),
                rollout.code(),
                rollout.out(),
                rollout.err());
        System.out.println("canary of order-manager (30% injected errors) under " + seen);
        assertThat(rollout.code()).as(seen).isIn(0, 1);
        assertThat(ids).as("the burst ran while the canary served: " + seen).isNotEmpty();
        assertThat(answeredBy.getOrDefault("canary", new AtomicInteger()).get())
            .as("calls the canary answered: the burst reached both tracks: " + seen)
            .isPositive();
        assertThat(exchange.clientOids()).as("orders placed").isNotEmpty();
        for (String id : ids) {
          assertThat(exchange.ordersFor(id)).as("orders at the exchange for %s", id).isLessThan(2);
        }
      } finally {
        channels.values().forEach(ManagedChannel::shutdownNow);
        project.cleanUp();
      }
    }
  }

  /** Staging's canary, quick: two steps, each analysed for at most 20 s, aborted if unsure. */
  private void quickCanary(ObjectNode environments) {
    ObjectNode rollout = ((ObjectNode) environments.get("staging")).putObject("rollout");
    ObjectNode canary = rollout.putObject("canary");
    canary.putArray("steps").addObject().put("setWeight", 50);
    ((com.fasterxml.jackson.databind.node.ArrayNode) canary.get("steps"))
        .addObject()
        .putObject("analysis");
    ObjectNode analysis = rollout.putObject("analysis");
    analysis.put("interval", "1s").put("budget", "20s").put("minSamples", 10);
    analysis.put("onInconclusive", "abort").put("maxInconclusive", "20s");
    analysis.putObject("traffic").put("enabled", false);
  }

  private static List<String> realMoney(TestExchange exchange) {
    List<String> sets = new ArrayList<>();
    for (String s :
        List.of(
            "order-manager.ORDER_MANAGER_MODE=real",
            "order-manager.COINBASE_API_URL=" + exchange.uri(),
            "order-manager.ORDER_MANAGER_TEST_EXCHANGE=1",
            "order-manager.ORDER_MANAGER_USE_REDIS=1",
            // built apart, as a test's stand-in credentials, so preflight's literal-secret check
            // (which reads every committed file) does not take them for real ones
            secret("COINBASE_API_KEY", "canary-key-id"),
            secret("COINBASE_API_SECRET", "Y2FuYXJ5LXNlY3JldC12YWx1ZQ=="),
            secret("COINBASE_API_PASSPHRASE", "canary-passphrase"),
            // no strategy signals: every order the exchange sees is the burst's
            "strategy-framework.SYMBOL=NONE-USD")) {
      sets.add("--set");
      sets.add(s);
    }
    return sets;
  }

  private static String secret(String variable, String value) {
    return "order-manager." + variable + "=" + value;
  }

  private static String[] args(List<String> sets, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of("--env", "staging"));
    all.addAll(sets);
    return all.toArray(String[]::new);
  }

  /**
   * Orders from four clients from the moment the canary serves until its deploy ends (at most 400,
   * at most {@link #ORDERS_PER_SECOND} a second, so the burst lasts while the canary is analysed):
   * each under a new client id, some meeting an exchange that takes the order and loses the answer,
   * each retried on the other track while its outcome is unknown.
   */
  private List<String> burst(
      AcceptanceProject project, TestExchange exchange, CompletableFuture<CliResult> canary)
      throws Exception {
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger timeoutsArmed = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    // The clients' rate: a permit a tick, as a client library's rate limiter would hand them out.
    Semaphore permits = new Semaphore(0);
    ScheduledExecutorService rate = Executors.newSingleThreadScheduledExecutor();
    try {
      // the burst starts once the canary serves, so the rollout's analysis meets it on both tracks
      long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      while (!canary.isDone() && !tracks.containsKey("canary") && System.nanoTime() < ready) {
        refreshTracks(project);
        canary.handle((r, e) -> null).completeOnTimeout(null, 500, TimeUnit.MILLISECONDS).join();
      }
      rate.scheduleAtFixedRate(
          permits::release, 0, 1000 / ORDERS_PER_SECOND, TimeUnit.MILLISECONDS);
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        workers.add(
            clients.submit(
                () -> {
                  while (!canary.isDone() && next.get() < 400) {
                    if (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
                      continue;
                    }
                    int n = next.incrementAndGet();
                    // a UUID, which the order manager sends as the exchange's client_oid as it is
                    String id = java.util.UUID.randomUUID().toString();
                    if (n % 5 == 1) {
                      exchange.arm(id, TestExchange.Fault.ACCEPT_THEN_500);
                    } else if (n % 17 == 2 && timeoutsArmed.incrementAndGet() <= MAX_TIMEOUTS) {
                      exchange.arm(id, TestExchange.Fault.ACCEPT_THEN_TIMEOUT);
                    }
                    ids.add(id);
                    submitWithRetries(id, n);
                  }
                  return null;
                }));
      }
      while (!canary.isDone() && workers.stream().anyMatch(f -> !f.isDone())) {
        refreshTracks(project);
        canary.handle((r, e) -> null).completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
      }
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      rate.shutdownNow();
      clients.shutdown();
      assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    }
    return List.copyOf(ids);
  }

  /**
   * Sends one order until its outcome is known, moving at once to the other track after each
   * failure or unknown answer, at most {@link #ATTEMPTS} times. A deadline of one second, shorter
   * than the order manager's two-second call to the exchange: a retry meets the first send still in
   * flight on the other track, which is the race the order manager's claim must win.
   */
  private void submitWithRetries(String id, int n) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<String> live = new ArrayList<>(new java.util.TreeSet<>(tracks.keySet()));
      String track = live.get((n + attempt) % live.size());
      sentTo.computeIfAbsent(track, k -> new AtomicInteger()).incrementAndGet();
      try {
        OrderSubmissionResponse r =
            OrderExecutorGrpc.newBlockingStub(channel(tracks.get(track)))
                .withDeadlineAfter(1, TimeUnit.SECONDS)
                .executeOrder(order(id));
        answeredBy.computeIfAbsent(track, k -> new AtomicInteger()).incrementAndGet();
        if (FINAL.contains(r.getStatus())) {
          return;
        }
      } catch (StatusRuntimeException e) {
        // injected fault, a stopping track or a deadline: the outcome is unknown, ask again
        failures
            .computeIfAbsent(track + " " + e.getStatus().getCode(), k -> new AtomicInteger())
            .incrementAndGet();
      }
    }
  }

  private void refreshTracks(AcceptanceProject project) {
    try {
      JsonNode status = project.run("--output", "json", "status", "--env", "staging").json();
      Map<String, String> seen = new java.util.HashMap<>();
      for (JsonNode c : status.get("components")) {
        String grpc = c.path("endpoints").path("grpc").asText("");
        String name = c.get("name").asText();
        // a track serves once it is ready: an instance still starting has its address already
        if ((name.equals("order-manager") || name.startsWith("order-manager@"))
            && !grpc.isEmpty()
            && c.path("ready").asBoolean(false)) {
          seen.put(c.path("track").asText("stable"), grpc);
        }
      }
      if (!seen.isEmpty()) {
        tracks.putAll(seen);
        tracks.keySet().retainAll(seen.keySet()); // an aborted canary is gone
      }
    } catch (Exception e) {
      // status is read again within a second; the burst goes on with the tracks known
    }
  }

  private ManagedChannel channel(String address) {
    return channels.computeIfAbsent(
        address, a -> ManagedChannelBuilder.forTarget(a).usePlaintext().build());
  }

  private static OrderRequest order(String clientOrderId) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("LIMIT")
        .setQuantity("0.01")
        .setPrice("50000")
        .setStrategyId("canary-it")
        .setMode(TradingMode.REAL)
        .setRealMoney(true)
        .build();
  }
}
