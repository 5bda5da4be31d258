package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import oasis.service.marketdata.LastPrices;
import org.junit.jupiter.api.Test;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderRequest;
import trading.contracts.OrderStatus;
import trading.contracts.TradingMode;

class OrderServiceTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final OrderMetrics metrics = new OrderMetrics(registry);
  private final LastPrices prices = new LastPrices();
  private final List<ExecutionReport> reports = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final AtomicInteger venueCalls = new AtomicInteger();
  private final PaperVenue paper = new PaperVenue(prices);
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile boolean venueDown;
  private volatile boolean answerLost;
  private volatile boolean lookupDown;

  /** A venue that remembers what it accepted, as an exchange does, and can lose its answers. */
  private final java.util.Map<String, VenueResult> atVenue =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ExecutionVenue venue =
      new ExecutionVenue() {
        @Override
        public VenueResult submit(Order order) throws VenueException {
          venueCalls.incrementAndGet();
          if (venueDown) {
            throw new VenueException("venue down");
          }
          VenueResult result = paper.submit(order);
          atVenue.put(order.clientOrderId(), result);
          if (answerLost) {
            throw new VenueException("read timed out after the order was accepted");
          }
          return result;
        }

        @Override
        public java.util.Optional<VenueResult> find(Order order) throws VenueException {
          lookups.incrementAndGet();
          if (lookupDown) {
            throw new VenueException("lookup timed out");
          }
          return java.util.Optional.ofNullable(atVenue.get(order.clientOrderId()));
        }

        @Override
        public void cancel(Order order) {
          paper.cancel(order);
        }
      };
  private final OrderService service = new OrderService(store, venue, reports::add, metrics);

  static OrderRequest market(String clientOrderId, String quantity) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("MARKET")
        .setQuantity(quantity)
        .setStrategyId("momentum")
        .build();
  }

  @Test
  void aPaperMarketOrderFillsAtTheLastNormalizedPriceAndReportsEachStep() throws Exception {
    prices.update("BTC-USD", new BigDecimal("64250.12"));

    Order order = service.submit(market("c1", "0.015"));

    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.averagePrice()).isEqualByComparingTo("64250.12");
    assertThat(order.mode()).as("absent mode means paper").isEqualTo(TradingMode.PAPER);
    assertThat(reports)
        .extracting(ExecutionReport::getStatus)
        .containsExactly(OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.FILLED);
    assertThat(reports.get(2).getLastPrice()).isEqualTo("64250.12");
    assertThat(reports.get(2).getLastQuantity()).isEqualTo("0.015");
    assertThat(store.findById(order.orderId())).contains(order);
    assertThat(MetricsProbe.value(registry, "order_manager_orders", "status", "FILLED"))
        .isEqualTo(1);
    assertThat(MetricsProbe.value(registry, "order_manager_orders", "status", "NEW")).isZero();
    assertThat(MetricsProbe.value(registry, "order_execution_latency_seconds")).isEqualTo(1);
  }

  @Test
  void aRetriedSubmitReturnsTheSameOrderWithoutExecutingAgain() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    Order first = service.submit(market("c1", "1"));
    prices.update("BTC-USD", new BigDecimal("200"));

    Order retry = service.submit(market("c1", "1"));

    assertThat(retry).isEqualTo(first);
    assertThat(retry.averagePrice()).isEqualByComparingTo("100");
    assertThat(venueCalls).hasValue(1);
    assertThat(reports).hasSize(3);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void aReusedClientOrderIdWithDifferentFieldsIsRefusedNamingThem() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    Order first = service.submit(market("c1", "1"));

    assertThatThrownBy(() -> service.submit(market("c1", "2")))
        .isInstanceOf(ConflictingOrderException.class)
        .hasMessageContaining("client_order_id c1 is already order " + first.orderId())
        .hasMessageContaining("quantity 1 (not 2)");
    assertThatThrownBy(() -> service.submit(market("c1", "1").toBuilder().setSide("SELL").build()))
        .isInstanceOf(ConflictingOrderException.class)
        .hasMessageContaining("side BUY (not SELL)");
    assertThat(
            service.submit(market("c1", "1.0").toBuilder().setSide("buy").setPrice("123").build()))
        .as("a retry: the same fields in other spellings, another reference price")
        .isEqualTo(first);
    assertThat(venueCalls).hasValue(1);
    assertThat(MetricsProbe.value(registry, "order_submit_errors_total", "reason", "conflict"))
        .isEqualTo(2);
  }

  @Test
  void concurrentSubmitsOfOneClientOrderIdCreateOneOrder() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Order>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> service.submit(market("same", "1")));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Order> f : pool.invokeAll(calls, 20, TimeUnit.SECONDS)) {
        ids.add(f.get().orderId());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(venueCalls).hasValue(1);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void withoutAPriceAPaperOrderIsRejectedWithAClearReason() throws Exception {
    Order order = service.submit(market("c1", "1"));

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.details()).contains("no market price for BTC-USD");
    assertThat(MetricsProbe.value(registry, "order_submit_errors_total", "reason", "rejected"))
        .isEqualTo(1);
  }

  @Test
  void aLimitOrderBeyondTheMarketRestsAndCanBeCanceledOnce() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    OrderRequest limit = market("c1", "1").toBuilder().setOrderType("LIMIT").setPrice("90").build();

    Order resting = service.submit(limit);
    Order canceled = service.cancel("", "c1", "operator");

    assertThat(resting.status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(canceled.details()).isEqualTo("canceled: operator");
    assertThatThrownBy(() -> service.cancel(resting.orderId(), "", "again"))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(service.find(resting.orderId(), ""))
        .get()
        .extracting(Order::status)
        .isEqualTo(OrderStatus.CANCELED);
  }

  @Test
  void aMarketableLimitOrderFillsAtTheLastPrice() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    OrderRequest limit =
        market("c1", "1").toBuilder().setOrderType("LIMIT").setPrice("101.5").build();

    assertThat(service.submit(limit).averagePrice()).isEqualByComparingTo("100");
  }

  @Test
  void aMalformedRequestIsRefusedAndCounted() {
    assertThatThrownBy(() -> service.submit(market("c1", "1e3")))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> service.submit(market("", "1")))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("client_order_id");
    assertThatThrownBy(() -> service.submit(market("c2", "1").toBuilder().setSide("HOLD").build()))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("side");
    assertThat(MetricsProbe.value(registry, "order_submit_errors_total", "reason", "invalid"))
        .isEqualTo(3);
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anAnswerLostAfterTheVenueAcceptedIsUnknownAndTheRetryAdoptsItWithoutSendingAgain()
      throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    answerLost = true;

    Order first = service.submit(market("c1", "1"));

    assertThat(first.status()).as("not an error to retry blindly").isEqualTo(OrderStatus.UNKNOWN);
    assertThat(first.details()).contains("outcome unknown", "asks the venue");
    assertThat(store.findByClientOrderId("c1")).contains(first);

    answerLost = false;
    Order retried = service.submit(market("c1", "1"));

    assertThat(retried.orderId()).isEqualTo(first.orderId());
    assertThat(retried.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(venueCalls).as("sent once: the retry asked instead").hasValue(1);
    assertThat(lookups).hasValue(1);
    assertThat(reports)
        .extracting(ExecutionReport::getStatus)
        .containsExactly(
            OrderStatus.NEW, OrderStatus.UNKNOWN, OrderStatus.ACCEPTED, OrderStatus.FILLED);
  }

  @Test
  void anOrderTheVenueNeverSawIsSentOnceMoreOnlyAfterTheVenueSaysSo() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    venueDown = true;
    assertThat(service.submit(market("c1", "1")).status()).isEqualTo(OrderStatus.UNKNOWN);

    venueDown = false;
    Order retried = service.submit(market("c1", "1"));

    assertThat(retried.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(lookups).hasValue(1);
    assertThat(venueCalls).as("the failed try and the one re-send after the lookup").hasValue(2);
  }

  @Test
  void whileTheVenueCannotSayTheOrderStaysUnknownAndNothingIsSent() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    answerLost = true;
    service.submit(market("c1", "1"));
    answerLost = false;
    lookupDown = true;

    Order retried = service.submit(market("c1", "1"));

    assertThat(retried.status()).isEqualTo(OrderStatus.UNKNOWN);
    assertThat(venueCalls).hasValue(1);
    assertThat(MetricsProbe.value(registry, "order_submit_errors_total", "reason", "venue_error"))
        .isEqualTo(2);
  }

  @Test
  void aStoreThatFailsIsASubmitErrorAndNothingIsAcknowledged() {
    prices.update("BTC-USD", new BigDecimal("100"));
    OrderStore broken =
        new OrderStore() {
          private final InMemoryOrderStore outbox = new InMemoryOrderStore();

          @Override
          public java.util.Optional<Order> createIfAbsent(
              Order order, List<ExecutionReport> reports) {
            throw new IllegalStateException("redis down");
          }

          @Override
          public boolean replace(Order expected, Order next, List<ExecutionReport> reports) {
            throw new IllegalStateException("redis down");
          }

          @Override
          public List<Order> open() {
            return List.of();
          }

          @Override
          public ReportOutbox outbox() {
            return outbox;
          }

          @Override
          public java.util.Optional<Order> findById(String orderId) {
            return java.util.Optional.empty();
          }

          @Override
          public java.util.Optional<Order> findByClientOrderId(String clientOrderId) {
            return java.util.Optional.empty();
          }

          @Override
          public List<Order> all() {
            return List.of();
          }
        };
    OrderService failing = new OrderService(broken, venue, reports::add, metrics);

    assertThatThrownBy(() -> failing.submit(market("c1", "1"))).hasMessage("redis down");
    assertThat(MetricsProbe.value(registry, "order_submit_errors_total", "reason", "store_error"))
        .isEqualTo(1);
    assertThat(venueCalls).as("nothing reaches the venue before it is stored").hasValue(0);
    assertThat(reports).isEmpty();
  }

  /** The shared venue, slowed: each send waits for the test to let it answer. */
  private final java.util.concurrent.CountDownLatch inVenue =
      new java.util.concurrent.CountDownLatch(1);

  private final java.util.concurrent.CountDownLatch answer =
      new java.util.concurrent.CountDownLatch(1);

  private final ExecutionVenue slow =
      new ExecutionVenue() {
        @Override
        public VenueResult submit(Order order) throws VenueException {
          inVenue.countDown();
          try {
            if (!answer.await(10, TimeUnit.SECONDS)) {
              throw new VenueException("test never answered");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueException("interrupted", e);
          }
          return venue.submit(order);
        }

        @Override
        public java.util.Optional<VenueResult> find(Order order) throws VenueException {
          return venue.find(order);
        }

        @Override
        public void cancel(Order order) throws VenueException {
          venue.cancel(order);
        }
      };

  @Test
  void twoInstancesGivenTheSameOrderAtOnceSendItOnce() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    // Two instances (a stable and a canary): locks of their own, one shared store.
    OrderService stable = new OrderService(store, slow, reports::add, metrics);
    OrderService canary = new OrderService(store, slow, reports::add, metrics);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Order> first = pool.submit(() -> stable.submit(market("c1", "1")));
      assertThat(inVenue.await(10, TimeUnit.SECONDS)).as("stable is sending").isTrue();

      Order retried = canary.submit(market("c1", "1"));
      answer.countDown();
      Order done = first.get(10, TimeUnit.SECONDS);

      assertThat(retried.status()).as("in flight elsewhere").isEqualTo(OrderStatus.SENT);
      assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(venueCalls).as("sends at the venue").hasValue(1);
      assertThat(canary.submit(market("c1", "1"))).isEqualTo(done);
      assertThat(venueCalls).hasValue(1);
      assertThat(reports)
          .extracting(ExecutionReport::getStatus)
          .containsExactly(OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.FILLED);
    } finally {
      pool.shutdownNow();
    }
  }

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-12-06T04:00:00Z");

  private Order claimedAt(String clientId, java.time.Instant at) {
    Order order =
        Order.newOrder(
            "o-" + clientId,
            clientId,
            "BTC-USD",
            trading.contracts.Side.BUY,
            trading.contracts.OrderType.MARKET,
            BigDecimal.ONE,
            null,
            "momentum",
            TradingMode.PAPER,
            at);
    Order sent = order.transitionTo(OrderStatus.SENT, "sending", at);
    store.createIfAbsent(sent);
    return sent;
  }

  private OrderService restartedAt(java.time.Instant now) {
    return new OrderService(
        store,
        Venues.paperOnly(venue),
        reports::add,
        metrics,
        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC),
        () -> java.util.UUID.randomUUID().toString());
  }

  @Test
  void aClaimWithinItsLeaseIsASendInFlightAndNothingIsSentOrAsked() {
    prices.update("BTC-USD", new BigDecimal("100"));
    claimedAt("c1", T0);

    Order answered = restartedAt(T0.plusSeconds(9)).submit(market("c1", "1"));

    assertThat(answered.status()).isEqualTo(OrderStatus.SENT);
    assertThat(venueCalls).hasValue(0);
    assertThat(lookups).hasValue(0);
  }

  @Test
  void aCrashBetweenSendAndAnswerIsAskedAboutAfterTheLeaseAndTheVenuesOrderAdopted()
      throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    Order sent = claimedAt("c1", T0);
    atVenue.put("c1", paper.submit(sent)); // reached the venue; the answer died with the process

    Order answered = restartedAt(T0.plusSeconds(11)).submit(market("c1", "1"));

    assertThat(answered.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(lookups).hasValue(1);
    assertThat(venueCalls).as("never sent again").hasValue(0);
  }

  @Test
  void aStaleClaimTheVenueNeverSawIsClaimedAgainAndSentOnce() {
    prices.update("BTC-USD", new BigDecimal("100"));
    claimedAt("c1", T0);

    Order answered = restartedAt(T0.plusSeconds(11)).submit(market("c1", "1"));
    Order again = restartedAt(T0.plusSeconds(30)).submit(market("c1", "1"));

    assertThat(answered.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(again).isEqualTo(answered);
    assertThat(lookups).hasValue(1);
    assertThat(venueCalls).hasValue(1);
  }

  @Test
  void aStaleWriterLosesAndItsReportIsNotPublished() {
    prices.update("BTC-USD", new BigDecimal("100"));
    Order sent = claimedAt("c1", T0);
    Order accepted = sent.transitionTo(OrderStatus.ACCEPTED, "by the other instance", T0);
    assertThat(store.replace(sent, accepted)).isTrue();

    assertThat(store.replace(sent, sent.transitionTo(OrderStatus.REJECTED, "late", T0))).isFalse();
    assertThat(store.findById(sent.orderId())).contains(accepted);
  }

  private static oasis.control.v1.ControlCommand kill(boolean engaged, long issuedAt) {
    return oasis.control.v1.ControlCommand.newBuilder()
        .setCommandId("k" + issuedAt)
        .setType(oasis.control.v1.CommandType.SET_KILL_SWITCH)
        .setIssuedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(issuedAt))
        .setSetKillSwitch(
            oasis.control.v1.SetKillSwitch.newBuilder().setEngaged(engaged).setReason("runaway"))
        .build();
  }

  private static OrderRequest limit(String clientOrderId, String price) {
    return market(clientOrderId, "1").toBuilder().setOrderType("LIMIT").setPrice(price).build();
  }

  @Test
  void aKillCommandCancelsEveryWorkingOrderAndRefusesNewOnesUntilReleased() throws Exception {
    prices.update("BTC-USD", new BigDecimal("100"));
    oasis.service.control.KillSwitch killSwitch = new oasis.service.control.KillSwitch();
    service.obey(killSwitch);
    Order resting1 = service.submit(limit("r1", "90"));
    Order resting2 = service.submit(limit("r2", "80"));
    Order filled = service.submit(market("f1", "1"));
    assertThat(resting1.status()).isEqualTo(OrderStatus.ACCEPTED);
    int sent = venueCalls.get();

    killSwitch.apply(kill(true, 10));

    assertThat(store.findById(resting1.orderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(store.findById(resting2.orderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(store.findById(filled.orderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.FILLED);
    assertThatThrownBy(() -> service.submit(market("after", "1")))
        .isInstanceOf(KillSwitchException.class)
        .hasMessageContaining("runaway");
    assertThat(venueCalls).as("nothing sent while killed").hasValue(sent);
    assertThat(store.findByClientOrderId("after")).isEmpty();

    killSwitch.apply(kill(false, 11));
    assertThat(service.submit(market("after", "1")).status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void cancelingAnUnknownOrderSaysSo() {
    assertThatThrownBy(() -> service.cancel("nope", "", ""))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }
}
