package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import oasis.service.marketdata.LastPrices;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.RejectReason;
import trading.contracts.Side;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

class RiskEngineTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final RiskMetrics metrics = new RiskMetrics(registry);
  private final LastPrices prices = new LastPrices();
  private final InMemoryPositionBook book = new InMemoryPositionBook();
  private final List<OrderRequest> submitted = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private String fillStatus = "FILLED";
  private boolean orderManagerDown;

  private RiskLimits limits =
      new RiskLimits(
          new BigDecimal("1"), new BigDecimal("1000"), new BigDecimal("2"), 3, 0.5, 0, false);

  private final OrderSubmitter submitter =
      request -> {
        if (orderManagerDown) {
          throw new SubmitException("order manager: UNAVAILABLE", null);
        }
        synchronized (submitted) {
          submitted.add(request);
        }
        boolean filled = fillStatus.equals("FILLED");
        return OrderSubmissionResponse.newBuilder()
            .setOrderId("o-" + request.getClientOrderId())
            .setClientOrderId(request.getClientOrderId())
            .setStatus(fillStatus)
            .setFilledQuantity(filled ? request.getQuantity() : "0")
            .setAveragePrice(filled ? request.getPrice() : "")
            .build();
      };

  private RiskEngine engine() {
    return engine(submitter);
  }

  private RiskEngine engine(OrderSubmitter orders) {
    return new RiskEngine(
        limits,
        new OrderSizing(new BigDecimal("0.5"), Map.of("ETH-USD", new BigDecimal("0.75"))),
        prices,
        book,
        new RateLimiter(limits.signalsPerSecond(), clock::get),
        orders,
        metrics);
  }

  static TradingSignal signal(Side side) {
    return TradingSignal.newBuilder()
        .setStrategyId("momentum")
        .setSymbol("BTC-USD")
        .setSide(side == Side.SIDE_UNSPECIFIED ? "HOLD" : side.name())
        .setConfidence(0.9)
        .build();
  }

  private static void assertRejected(SignalValidationResponse r, RejectReason code, String text) {
    assertThat(r.getApproved()).isFalse();
    assertThat(r.getRejectCode()).isEqualTo(code);
    assertThat(r.getReason()).contains(text);
  }

  @Test
  void anApprovedSignalBecomesAPaperMarketOrderSizedByTheRuleAndMovesThePosition() {
    prices.update("BTC-USD", new BigDecimal("100.25"));

    SignalValidationResponse r = engine().validate(signal(Side.BUY));

    assertThat(r.getApproved()).isTrue();
    assertThat(r.getRejectCode()).isEqualTo(RejectReason.REJECT_REASON_UNSPECIFIED);
    OrderRequest order = r.getOrderRequest();
    assertThat(order.getQuantity()).isEqualTo("0.5");
    assertThat(order.getPrice()).isEqualTo("100.25");
    assertThat(order.getMode()).isEqualTo(TradingMode.PAPER);
    assertThat(r.getSubmission().getStatus()).isEqualTo("FILLED");
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0.5");
    assertThat(book.openOrders()).isZero();
    assertThat(MetricsProbe.value(registry, "risk_validations_total", "result", "approved"))
        .isEqualTo(1);
    assertThat(MetricsProbe.value(registry, "risk_validation_duration_seconds")).isEqualTo(1);
  }

  @Test
  void aDryRunRunsEveryCheckAndIsApprovedButNeverForwarded() {
    prices.update("BTC-USD", new BigDecimal("100"));
    TradingSignal dry =
        signal(Side.BUY).toBuilder()
            .putMetadata(RiskEngine.DRY_RUN, "true")
            .setMode(TradingMode.REAL)
            .build();

    SignalValidationResponse r = engine().validate(dry);

    assertThat(r.getApproved()).isTrue();
    assertThat(r.getReason()).contains("dry run");
    assertThat(r.hasSubmission()).isFalse();
    assertThat(r.getOrderRequest().getQuantity()).isEqualTo("0.5");
    assertThat(submitted).as("nothing reaches the order manager").isEmpty();
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0");
    assertThat(MetricsProbe.value(registry, "risk_dry_runs_total")).isEqualTo(1);

    limits = limits.withKillSwitch(true);
    assertRejected(engine().validate(dry), RejectReason.KILL_SWITCH, "kill switch");
    assertThat(submitted).isEmpty();
  }

  @Test
  void aKillSwitchControlCommandStopsApprovalsAtRuntimeAndItsReleaseResumesThem() {
    prices.update("BTC-USD", new BigDecimal("100"));
    oasis.service.control.KillSwitch killSwitch = new oasis.service.control.KillSwitch();
    RiskEngine engine = engine().obey(killSwitch);
    assertThat(engine.validate(signal(Side.BUY)).getApproved()).isTrue();

    killSwitch.apply(OrderKill.command(true, 10));
    SignalValidationResponse killed = engine.validate(signal(Side.BUY));
    killSwitch.apply(OrderKill.command(false, 11));

    assertRejected(killed, RejectReason.KILL_SWITCH, "kill switch engaged by control command");
    assertThat(submitted).hasSize(1);
    assertThat(engine.validate(signal(Side.BUY)).getApproved()).isTrue();
  }

  /** Kill-switch control commands. */
  static final class OrderKill {
    static oasis.control.v1.ControlCommand command(boolean engaged, long issuedAt) {
      return oasis.control.v1.ControlCommand.newBuilder()
          .setCommandId("k" + issuedAt)
          .setType(oasis.control.v1.CommandType.SET_KILL_SWITCH)
          .setIssuedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(issuedAt))
          .setSetKillSwitch(
              oasis.control.v1.SetKillSwitch.newBuilder().setEngaged(engaged).setReason("test"))
          .build();
    }
  }

  @Test
  void theKillSwitchRejectsEverything() {
    limits = limits.withKillSwitch(true);
    prices.update("BTC-USD", BigDecimal.TEN);

    assertRejected(engine().validate(signal(Side.BUY)), RejectReason.KILL_SWITCH, "kill switch");
    assertThat(submitted).isEmpty();
  }

  @Test
  void malformedSignalsAreRejectedAsInvalid() {
    RiskEngine engine = engine();
    assertRejected(
        engine.validate(signal(Side.SIDE_UNSPECIFIED)), RejectReason.INVALID_SIGNAL, "side");
    assertRejected(
        engine.validate(signal(Side.BUY).toBuilder().setSymbol("btc").build()),
        RejectReason.INVALID_SIGNAL,
        "symbol");
    assertRejected(
        engine.validate(signal(Side.BUY).toBuilder().setConfidence(Double.NaN).build()),
        RejectReason.INVALID_SIGNAL,
        "confidence");
    assertRejected(
        engine.validate(signal(Side.BUY).toBuilder().putMetadata("quantity", "1e2").build()),
        RejectReason.INVALID_SIGNAL,
        "quantity");
  }

  @Test
  void lowConfidenceIsRejected() {
    prices.update("BTC-USD", BigDecimal.TEN);
    assertRejected(
        engine().validate(signal(Side.BUY).toBuilder().setConfidence(0.49).build()),
        RejectReason.MIN_CONFIDENCE,
        "below the minimum 0.5");
  }

  @Test
  void signalsBeyondTheRateAreRejectedUntilTheBucketRefills() {
    limits =
        new RiskLimits(BigDecimal.ONE, new BigDecimal("1000"), BigDecimal.TEN, 100, 0, 2, false);
    prices.update("BTC-USD", BigDecimal.TEN);
    RiskEngine engine = engine();

    assertThat(engine.validate(signal(Side.BUY)).getApproved()).isTrue();
    assertThat(engine.validate(signal(Side.SELL)).getApproved()).isTrue();
    assertRejected(
        engine.validate(signal(Side.BUY)), RejectReason.RATE_LIMIT, "2 signals per second");
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(engine.validate(signal(Side.BUY)).getApproved()).isTrue();
  }

  @Test
  void dryRunsDoNotSpendTheRateLimitThatRealSignalsNeed() {
    limits =
        new RiskLimits(BigDecimal.ONE, new BigDecimal("1000"), BigDecimal.TEN, 100, 0, 2, false);
    prices.update("BTC-USD", BigDecimal.TEN);
    RiskEngine engine = engine();
    TradingSignal dryRun =
        signal(Side.BUY).toBuilder().putMetadata(RiskEngine.DRY_RUN, "true").build();
    for (int i = 0; i < 10; i++) {
      assertThat(engine.validate(dryRun).getApproved()).as("dry run %d", i).isTrue();
    }
    assertThat(engine.validate(signal(Side.BUY)).getApproved())
        .as("analysis traffic's dry runs leave the budget to real signals")
        .isTrue();
  }

  @Test
  void anOversizedOrderIsRejected() {
    prices.update("BTC-USD", BigDecimal.TEN);
    assertRejected(
        engine()
            .validate(signal(Side.BUY).toBuilder().putMetadata("quantity", "1.00000001").build()),
        RejectReason.MAX_ORDER_QUANTITY,
        "quantity 1.00000001 exceeds the maximum 1");
  }

  @Test
  void withoutAPriceNoOrderIsSent() {
    assertRejected(engine().validate(signal(Side.BUY)), RejectReason.NO_MARKET_PRICE, "BTC-USD");
    assertThat(submitted).isEmpty();
  }

  @Test
  void notionalIsQuantityTimesLastPriceExactly() {
    prices.update("BTC-USD", new BigDecimal("2000.02"));
    // 0.5 * 2000.02 = 1000.01 > 1000
    assertRejected(
        engine().validate(signal(Side.BUY)),
        RejectReason.MAX_NOTIONAL,
        "notional 1000.01 exceeds the maximum 1000");
    prices.update("BTC-USD", new BigDecimal("2000.00"));
    assertThat(engine().validate(signal(Side.BUY)).getApproved()).isTrue();
  }

  @Test
  void thePositionLimitCountsFillsAndIsCountedAsABreach() {
    prices.update("BTC-USD", BigDecimal.TEN);
    RiskEngine engine = engine();
    for (int i = 0; i < 4; i++) {
      assertThat(engine.validate(signal(Side.BUY)).getApproved()).as("buy %d", i).isTrue();
    }
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("2");

    assertRejected(
        engine.validate(signal(Side.BUY)),
        RejectReason.MAX_POSITION,
        "position in BTC-USD would be 2.5, beyond the maximum 2");
    assertThat(MetricsProbe.value(registry, "risk_position_limit_breaches_total")).isEqualTo(1);
    assertThat(engine.validate(signal(Side.SELL)).getApproved()).as("reducing is fine").isTrue();
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("1.5");
  }

  @Test
  void workingOrdersCountTowardTheOpenOrderLimit() {
    fillStatus = "ACCEPTED";
    prices.update("BTC-USD", BigDecimal.TEN);
    RiskEngine engine = engine();
    for (int i = 0; i < 3; i++) {
      assertThat(engine.validate(signal(i % 2 == 0 ? Side.BUY : Side.SELL)).getApproved()).isTrue();
    }

    assertRejected(
        engine.validate(signal(Side.BUY)),
        RejectReason.MAX_OPEN_ORDERS,
        "3 orders are working, the maximum is 3");
    assertThat(book.position("BTC-USD")).as("nothing filled").isEqualByComparingTo("0");
  }

  @Test
  void ordersInFlightCountTowardThePositionLimit() throws Exception {
    limits =
        new RiskLimits(BigDecimal.ONE, new BigDecimal("1000"), BigDecimal.ONE, 100, 0, 0, false);
    prices.update("BTC-USD", BigDecimal.TEN);
    CountDownLatch release = new CountDownLatch(1);
    RiskEngine engine =
        engine(
            request -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return submitter.submit(request);
            });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SignalValidationResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () ->
                    engine.validate(
                        signal(Side.BUY).toBuilder()
                            .setSignalTimestamp(Timestamp.newBuilder().setSeconds(n))
                            .build())));
      }
      // 0.5 each against a limit of 1: two fit, two must wait for nothing and be refused.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (answers.stream().filter(Future::isDone).count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      release.countDown();
      long approved = 0;
      for (Future<SignalValidationResponse> f : answers) {
        if (f.get(10, TimeUnit.SECONDS).getApproved()) {
          approved++;
        } else {
          assertThat(f.get().getRejectCode()).isEqualTo(RejectReason.MAX_POSITION);
        }
      }
      assertThat(approved).isEqualTo(2);
      assertThat(book.position("BTC-USD")).isEqualByComparingTo("1");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnreachableOrderManagerIsARejectionThatKeepsTheOrderAndLeavesNoPosition() {
    prices.update("BTC-USD", BigDecimal.TEN);
    orderManagerDown = true;

    SignalValidationResponse r = engine().validate(signal(Side.BUY));

    assertRejected(r, RejectReason.ORDER_MANAGER_UNAVAILABLE, "UNAVAILABLE");
    assertThat(r.getOrderRequest().getQuantity()).isEqualTo("0.5");
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0");
    orderManagerDown = false;
    assertThat(engine().validate(signal(Side.BUY)).getApproved())
        .as("reservation released")
        .isTrue();
  }

  @Test
  void theSameSignalAlwaysMapsToTheSameClientOrderIdAndAFillCountsOnce() {
    prices.update("BTC-USD", BigDecimal.TEN);
    TradingSignal stamped =
        signal(Side.BUY).toBuilder()
            .setSignalTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
            .setMode(TradingMode.REAL)
            .setRealMoney(true)
            .build();
    RiskEngine engine = engine();

    SignalValidationResponse first = engine.validate(stamped);
    SignalValidationResponse retry = engine.validate(stamped);

    assertThat(retry.getOrderRequest().getClientOrderId())
        .isEqualTo(first.getOrderRequest().getClientOrderId());
    assertThat(first.getOrderRequest().getMode()).isEqualTo(TradingMode.REAL);
    assertThat(first.getOrderRequest().getRealMoney()).isTrue();
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0.5");
    assertThat(RiskEngine.clientOrderId(stamped.toBuilder().setSide("SELL").build()))
        .isNotEqualTo(first.getOrderRequest().getClientOrderId());
  }

  @Test
  void theSymbolsConfiguredQuantityWinsOverTheDefault() {
    prices.update("ETH-USD", BigDecimal.TEN);
    SignalValidationResponse r =
        engine().validate(signal(Side.SELL).toBuilder().setSymbol("ETH-USD").build());
    assertThat(r.getOrderRequest().getQuantity()).isEqualTo("0.75");
    assertThat(book.position("ETH-USD")).isEqualByComparingTo("-0.75");
  }

  @Test
  void onlyRealWithRealMoneyAsksForRealAndEverythingElseIsAnExplicitPaperOrder() {
    prices.update("BTC-USD", BigDecimal.TEN);
    TradingSignal absent = signal(Side.BUY).toBuilder().clearMode().build();
    TradingSignal real = signal(Side.BUY).toBuilder().setMode(TradingMode.REAL).build();
    TradingSignal paper = signal(Side.BUY).toBuilder().setMode(TradingMode.PAPER).build();
    TradingSignal confirmed = real.toBuilder().setRealMoney(true).build();

    for (TradingSignal s : new TradingSignal[] {absent, real, paper}) {
      OrderRequest order = engine().validate(s).getOrderRequest();
      assertThat(order.getMode()).as("%s", s.getMode()).isEqualTo(TradingMode.PAPER);
      assertThat(order.getRealMoney()).isFalse();
    }
    SignalValidationResponse r = engine().validate(confirmed);
    assertThat(r.getOrderRequest().getMode()).isEqualTo(TradingMode.REAL);
    assertThat(r.getOrderRequest().getRealMoney()).isTrue();
    assertThat(r.getReason()).contains("REAL (real_money requested)");
  }

  @Test
  void realMoneyWithModePaperOrAnUnknownModeNumberIsRefused() {
    prices.update("BTC-USD", BigDecimal.TEN);
    assertRejected(
        engine()
            .validate(
                signal(Side.BUY).toBuilder().setMode(TradingMode.PAPER).setRealMoney(true).build()),
        RejectReason.INVALID_SIGNAL,
        "real_money = true contradicts mode PAPER");
    assertRejected(
        engine().validate(signal(Side.BUY).toBuilder().setModeValue(7).build()),
        RejectReason.INVALID_SIGNAL,
        "mode 7 is neither REAL (0) nor PAPER (1)");
    assertThat(submitted).isEmpty();
  }

  @Test
  void sideIsReadInAnyCaseAndAnythingElseIsRefusedWithTheValue() {
    prices.update("BTC-USD", BigDecimal.TEN);
    SignalValidationResponse lower =
        engine().validate(signal(Side.BUY).toBuilder().setSide(" sell ").build());
    assertThat(lower.getApproved()).isTrue();
    assertThat(lower.getOrderRequest().getSide()).isEqualTo("SELL");
    assertThat(book.position("BTC-USD")).isEqualByComparingTo("-0.5");
    assertRejected(
        engine().validate(signal(Side.BUY).toBuilder().setSide("LONG").build()),
        RejectReason.INVALID_SIGNAL,
        "side must be BUY or SELL (any case), got 'LONG'");
  }
}
