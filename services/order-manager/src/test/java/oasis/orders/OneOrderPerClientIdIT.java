package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import oasis.orders.exchange.TestExchange;
import oasis.orders.exchange.TestExchange.Fault;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.FreePorts;
import oasis.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.TradingMode;

/**
 * A stable and a canary order manager in real mode, one real redis-server between them, the local
 * test exchange behind both and real gRPC over loopback in front: under each fault of the exchange,
 * with the same order given to both tracks at once and retries landing on the other track (and on
 * an instance started after a restart), the exchange holds exactly one order per client id.
 */
class OneOrderPerClientIdIT {
  private static final Set<String> UNSETTLED = Set.of("NEW", "SENT", "UNKNOWN");

  private RedisServerProcess redis;
  private TestExchange exchange;
  private final List<ServiceRuntime> services = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final int noBroker = FreePorts.find();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServerProcess.start();
    exchange = TestExchange.start();
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    exchange.close();
    for (ServiceRuntime service : services) {
      service.shutdown();
    }
    redis.close();
  }

  private ManagedChannel orderManager(String track) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ORDER_MANAGER_MODE", "real");
    env.put("COINBASE_API_URL", exchange.uri().toString());
    env.put("COINBASE_API_KEY", "test-key");
    env.put("COINBASE_API_SECRET", "c2VjcmV0LXNlY3JldA==");
    env.put("COINBASE_API_PASSPHRASE", "test-passphrase");
    env.put("ORDER_MANAGER_TEST_EXCHANGE", "1");
    env.put("ORDER_MANAGER_USE_REDIS", "1");
    env.put("REDIS_URL", redis.url());
    env.put("KAFKA_BROKERS", "127.0.0.1:" + noBroker);
    env.put("OASIS_TRACK", track);
    env.put("ORDER_MANAGER_GRPC_PORT", "0");
    env.put("ORDER_MANAGER_METRICS_PORT", "0");
    ServiceRuntime service = OrderManagerService.start(ServiceConfig.of(env));
    services.add(service);
    ManagedChannel channel =
        Grpc.newChannelBuilder(
                "127.0.0.1:" + service.grpcPort(), InsecureChannelCredentials.create())
            .build();
    channels.add(channel);
    return channel;
  }

  private static OrderRequest order(String clientOrderId) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("LIMIT")
        .setQuantity("0.01")
        .setPrice("50000")
        .setStrategyId("it")
        .setMode(TradingMode.REAL)
        .setRealMoney(true)
        .build();
  }

  private static OrderSubmissionResponse submit(ManagedChannel channel, String clientOrderId) {
    return OrderExecutorGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .executeOrder(order(clientOrderId));
  }

  /** The same order to every instance at once. */
  private List<OrderSubmissionResponse> atOnce(String clientOrderId, ManagedChannel... tracks)
      throws Exception {
    List<Future<OrderSubmissionResponse>> calls = new ArrayList<>();
    for (ManagedChannel track : tracks) {
      calls.add(pool.submit(() -> submit(track, clientOrderId)));
    }
    List<OrderSubmissionResponse> answers = new ArrayList<>();
    for (Future<OrderSubmissionResponse> call : calls) {
      answers.add(call.get(30, TimeUnit.SECONDS));
    }
    return answers;
  }

  /** Retries, each time on the next track, until the order is settled; bounded. */
  private static OrderSubmissionResponse settle(String clientOrderId, ManagedChannel... tracks) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    OrderSubmissionResponse last = null;
    for (int i = 0; System.nanoTime() < deadline; i++) {
      last = submit(tracks[i % tracks.length], clientOrderId);
      if (!UNSETTLED.contains(last.getStatus())) {
        return last;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return last;
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  @Test
  void aRetryOnTheOtherTrackWhileTheFirstSendIsInFlightSendsNothing() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    String id = UUID.randomUUID().toString();
    exchange.arm(id, Fault.HOLD_THEN_ACCEPT);

    Future<OrderSubmissionResponse> first = pool.submit(() -> submit(stable, id));
    await("the stable's send at the exchange", () -> !exchange.requests("POST", id).isEmpty());
    OrderSubmissionResponse retried = submit(canary, id);
    exchange.release();

    assertThat(retried.getStatus()).isEqualTo("SENT");
    // The held answer may outlast the 2 s request bound on a slow machine: UNKNOWN, then adopted.
    assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isIn("ACCEPTED", "UNKNOWN");
    assertThat(settle(id, canary, stable).getStatus()).isEqualTo("ACCEPTED");
    assertThat(exchange.requests("POST", id)).hasSize(1);
    assertThat(exchange.ordersFor(id)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"ACCEPT_THEN_TIMEOUT", "ACCEPT_THEN_500", "UNAVAILABLE_503", "RATE_LIMITED_429"})
  void underEachFaultBothTracksAndTheirRetriesLeaveOneOrder(Fault fault) throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    String id = UUID.randomUUID().toString();
    exchange.arm(id, fault);

    List<OrderSubmissionResponse> first = atOnce(id, stable, canary);
    OrderSubmissionResponse settled = settle(id, canary, stable);

    assertThat(first).extracting(OrderSubmissionResponse::getStatus).doesNotContain("REJECTED");
    assertThat(settled.getStatus()).isEqualTo("ACCEPTED");
    assertThat(exchange.ordersFor(id)).as("orders at the exchange under %s", fault).isEqualTo(1);
    // Taken but unanswered: looked up, never sent again. Refused: sent again exactly once.
    int posts = EnumSet.of(Fault.UNAVAILABLE_503, Fault.RATE_LIMITED_429).contains(fault) ? 2 : 1;
    assertThat(exchange.requests("POST", id)).hasSize(posts);
  }

  @Test
  void aPartialFillMadeWhileTheAnswerWasLostIsAdoptedByTheOtherTrack() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    String id = UUID.randomUUID().toString();
    exchange.arm(id, Fault.ACCEPT_THEN_TIMEOUT);

    assertThat(submit(stable, id).getStatus()).isEqualTo("UNKNOWN");
    exchange.fill(id, "0.004", "49999.5");
    // The retry adopts the venue's state when it finds the order UNKNOWN; if the fill loop (every
    // second, on both tracks) looked the order up just before the fill and stored it ACCEPTED, the
    // retry answers that, and the loop's next look-up adopts the fill: either way, within a bound.
    OrderSubmissionResponse[] answer = {submit(canary, id)};
    await(
        "the canary's answer to carry the partial fill",
        () ->
            "PARTIALLY_FILLED".equals(answer[0].getStatus())
                || "PARTIALLY_FILLED".equals((answer[0] = submit(canary, id)).getStatus()));
    OrderSubmissionResponse retried = answer[0];

    assertThat(retried.getStatus()).isEqualTo("PARTIALLY_FILLED");
    assertThat(retried.getFilledQuantity()).isEqualTo("0.004");
    assertThat(retried.getAveragePrice()).isEqualTo("49999.5");
    assertThat(exchange.ordersFor(id)).isEqualTo(1);
  }

  @Test
  void aBurstWithEveryFaultOnBothTracksThenARestartLeavesOneOrderPerClientId() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    Fault[] faults = {
      null,
      Fault.ACCEPT_THEN_TIMEOUT,
      Fault.ACCEPT_THEN_500,
      Fault.UNAVAILABLE_503,
      Fault.RATE_LIMITED_429
    };
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      if (faults[i % faults.length] != null) {
        exchange.arm(id, faults[i % faults.length]);
      }
    }
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<OrderSubmissionResponse>> burst = new ArrayList<>();
      for (String id : ids) {
        burst.add(clients.submit(() -> atOnce(id, stable, canary).get(0)));
      }
      for (Future<OrderSubmissionResponse> call : burst) {
        call.get(60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    for (String id : ids) {
      assertThat(settle(id, canary, stable).getStatus()).as(id).isEqualTo("ACCEPTED");
    }
    int postsBefore =
        exchange.requests().stream().filter(r -> r.method().equals("POST")).toList().size();

    // The stable track goes away; a new instance starts on the same store and gets every retry.
    services.get(0).shutdown();
    ManagedChannel restarted = orderManager("stable");
    for (String id : ids) {
      assertThat(submit(restarted, id).getStatus()).isEqualTo("ACCEPTED");
    }

    assertThat(exchange.clientOids()).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      assertThat(exchange.ordersFor(id)).as("orders at the exchange for %s", id).isEqualTo(1);
    }
    assertThat(exchange.requests().stream().filter(r -> r.method().equals("POST")).toList())
        .as("no send after the restart")
        .hasSize(postsBefore);
  }
}
