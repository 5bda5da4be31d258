package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import oasis.service.marketdata.LastPrices;
import org.junit.jupiter.api.Test;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderRequest;
import trading.contracts.OrderStatus;
import trading.contracts.TradingMode;

class FillLoopTest {
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final List<ExecutionReport> reports = Collections.synchronizedList(new ArrayList<>());
  private final List<Fill> atVenue = new CopyOnWriteArrayList<>();
  private volatile VenueResult.Outcome venueSays = VenueResult.Outcome.ACCEPTED;
  private volatile boolean known = true;
  private volatile boolean answerLost;
  private final AtomicInteger sends = new AtomicInteger();
  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

  /** A venue that has the order (or not) and lists the fills the test adds. */
  private final ExecutionVenue venue =
      new ExecutionVenue() {
        @Override
        public VenueResult submit(Order order) throws VenueException {
          sends.incrementAndGet();
          if (answerLost) {
            throw new VenueException("read timed out");
          }
          return VenueResult.accepted("resting");
        }

        @Override
        public Optional<VenueResult> find(Order order) {
          return known
              ? Optional.of(new VenueResult(venueSays, List.copyOf(atVenue), "at the venue"))
              : Optional.empty();
        }

        @Override
        public void cancel(Order order) {
          venueSays = VenueResult.Outcome.CANCELED;
        }
      };

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private OrderService track() {
    return new OrderService(
        store,
        Venues.real(new PaperVenue(new LastPrices()), venue),
        reports::add,
        new OrderMetrics(new PrometheusRegistry()),
        clock,
        () -> java.util.UUID.randomUUID().toString(),
        OrderService.CLAIM_LEASE);
  }

  private static OrderRequest limit(String clientOrderId) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("LIMIT")
        .setQuantity("0.01")
        .setPrice("50000")
        .setStrategyId("s")
        .setMode(TradingMode.REAL)
        .setRealMoney(true)
        .build();
  }

  private List<String> fillReports() {
    return reports.stream().map(ExecutionReport::getFillId).filter(id -> !id.isEmpty()).toList();
  }

  @Test
  void twoTracksPollingOneOrderCountEachFillOnce() {
    OrderService stable = track();
    OrderService canary = track();
    Order order = stable.submit(limit("c1"));
    assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
    FillLoop stableLoop = new FillLoop(store, stable, FillLoop.GIVE_UP);
    FillLoop canaryLoop = new FillLoop(store, canary, FillLoop.GIVE_UP);

    atVenue.add(new Fill("101", new BigDecimal("0.004"), new BigDecimal("49999")));
    stableLoop.pass();
    canaryLoop.pass();
    atVenue.add(new Fill("102", new BigDecimal("0.006"), new BigDecimal("50000")));
    venueSays = VenueResult.Outcome.FILLED;
    canaryLoop.pass();
    stableLoop.pass();

    Order filled = store.findById(order.orderId()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledQuantity()).isEqualByComparingTo("0.01");
    assertThat(fillReports()).containsExactly("101", "102");
    assertThat(reports).extracting(ExecutionReport::getReportId).doesNotHaveDuplicates();
    assertThat(store.open()).isEmpty();
  }

  @Test
  void aCancelKeepsTheFillsTheVenueMadeBeforeIt() throws Exception {
    OrderService stable = track();
    Order order = stable.submit(limit("c2"));
    atVenue.add(new Fill("201", new BigDecimal("0.003"), new BigDecimal("49990")));

    Order canceled = stable.cancel(order.orderId(), null, "test");

    assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(canceled.filledQuantity()).isEqualByComparingTo("0.003");
    assertThat(fillReports()).containsExactly("201");
  }

  @Test
  void anOrderTheVenueNeverHadIsGivenUpNeverSent() {
    OrderService stable = track();
    known = false;
    answerLost = true;
    Order order = stable.submit(limit("c3"));
    assertThat(order.status()).isEqualTo(OrderStatus.UNKNOWN);
    FillLoop loop = new FillLoop(store, stable, Duration.ofSeconds(60));

    loop.pass();
    assertThat(store.findById(order.orderId()).orElseThrow().status())
        .as("within the give-up time: still in doubt")
        .isEqualTo(OrderStatus.UNKNOWN);
    now = now.plusSeconds(61);
    loop.pass();

    assertThat(store.findById(order.orderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(sends).as("the fill loop never sends").hasValue(1);
  }
}
