package oasis.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import oasis.preflight.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trading.contracts.RejectReason;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;

class OrderProbeTest {

  FakeOrderPath path;

  @BeforeEach
  void setUp() throws Exception {
    path = new FakeOrderPath();
  }

  @AfterEach
  void tearDown() {
    path.close();
  }

  @Test
  void realModeSendsOneDryRunAndNeverReachesTheOrderManager() {
    try (SmokeContext ctx = path.context("real")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).as(r.message()).isEqualTo(Status.PASS);
      assertThat(r.message()).contains("dry run approved", "no order placed");
    }
    assertThat(path.signals).hasSize(1);
    assertThat(path.signals.get(0).getMetadataMap()).containsEntry(OrderProbe.DRY_RUN, "true");
    assertThat(path.signals.get(0).getMode()).isEqualTo(TradingMode.PAPER);
    assertThat(path.signals.get(0).getStrategyId()).isEqualTo("oasis-smoke");
    assertThat(path.orderCalls).as("smoke itself never calls the order manager").isEmpty();
  }

  @Test
  void realModeWithARiskEngineThatCannotDryRunSendsNothing() {
    path.riskMetrics = "risk_validation_duration_seconds_count 3\n";
    try (SmokeContext ctx = path.context("REAL")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).isEqualTo(Status.SKIP);
      assertThat(r.message()).contains("never places a real order");
    }
    assertThat(path.signals).isEmpty();
    assertThat(path.orderCalls).isEmpty();
  }

  @Test
  void anUnknownOrderManagerIsTreatedAsRealMode() {
    try (SmokeContext ctx = path.context(null)) {
      assertThat(OrderProbe.orderManagerMode(ctx)).isEqualTo("unknown");
      assertThat(new OrderProbe().run(ctx).status()).isEqualTo(Status.PASS);
    }
    assertThat(path.signals)
        .singleElement()
        .satisfies(s -> assertThat(s.getMetadataMap()).containsEntry(OrderProbe.DRY_RUN, "true"));
  }

  @Test
  void aRiskEngineThatForwardsADryRunFailsLoudly() {
    path.risk =
        s -> FakeOrderPath.approveAndFill(s.toBuilder().removeMetadata(OrderProbe.DRY_RUN).build());
    try (SmokeContext ctx = path.context("real")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.component()).isEqualTo("risk-engine");
      assertThat(r.message()).contains("FORWARDED a dry-run signal");
    }
  }

  @Test
  void paperModeBuysThenSellsTheSameQuantityAndReadsBothBackFilled() {
    try (SmokeContext ctx = path.context("paper")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).as(r.message()).isEqualTo(Status.PASS);
      assertThat(r.message()).contains("BUY", "SELL", "FILLED", "position unchanged");
    }
    assertThat(path.signals).extracting(s -> s.getSide()).containsExactly("BUY", "SELL");
    assertThat(path.signals)
        .allSatisfy(
            s -> {
              assertThat(s.getMetadataMap()).containsEntry("quantity", "0.0001");
              assertThat(s.getMetadataMap()).doesNotContainKey(OrderProbe.DRY_RUN);
              assertThat(s.getMode()).isEqualTo(TradingMode.PAPER);
            });
    assertThat(path.orderCalls)
        .filteredOn(c -> c.startsWith("GetOrderStatus"))
        .hasSize(2 + OrderProbe.STATUS_SAMPLE);
    assertThat(path.orderCalls).noneMatch(c -> c.startsWith("ExecuteOrder"));
  }

  @Test
  void atTheLongLimitItSellsFirstThenBuysBack() {
    path.risk =
        s ->
            "BUY".equals(s.getSide()) && path.signals.size() == 1
                ? SignalValidationResponse.newBuilder()
                    .setApproved(false)
                    .setRejectCode(RejectReason.MAX_POSITION)
                    .build()
                : FakeOrderPath.approveAndFill(s);
    try (SmokeContext ctx = path.context("paper")) {
      assertThat(new OrderProbe().run(ctx).status()).isEqualTo(Status.PASS);
    }
    assertThat(path.signals).extracting(s -> s.getSide()).containsExactly("BUY", "SELL", "BUY");
  }

  @Test
  void anUnavailableOrderManagerIsBlamedOnTheOrderManager() {
    path.risk =
        s ->
            SignalValidationResponse.newBuilder()
                .setApproved(false)
                .setRejectCode(RejectReason.ORDER_MANAGER_UNAVAILABLE)
                .setReason("order manager at 127.0.0.1:50052: UNAVAILABLE")
                .build();
    try (SmokeContext ctx = path.context("paper")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.component()).isEqualTo("order-manager");
      assertThat(r.message()).contains("ORDER_MANAGER_UNAVAILABLE");
    }
  }

  @Test
  void aFailedReversalSaysWhichPositionIsLeft() {
    path.risk =
        s ->
            "SELL".equals(s.getSide())
                ? SignalValidationResponse.newBuilder()
                    .setApproved(false)
                    .setRejectCode(RejectReason.ORDER_MANAGER_UNAVAILABLE)
                    .setReason("down")
                    .build()
                : FakeOrderPath.approveAndFill(s);
    try (SmokeContext ctx = path.context("paper")) {
      SmokeCheckResult r = new OrderProbe().run(ctx);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.message()).contains("reversing it failed 3 times", "off by 0.0001");
    }
    assertThat(path.signals).hasSize(4);
  }
}
