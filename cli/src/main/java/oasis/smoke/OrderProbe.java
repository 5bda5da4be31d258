package oasis.smoke;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import trading.contracts.ContractValues;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderState;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;
import trading.contracts.RejectReason;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.Side;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * End to end through the order path, as strategy {@value #STRATEGY}. In paper mode a BUY of the
 * smoke quantity goes to {@code RiskValidator.ValidateSignal}, must be approved and FILLED (asked
 * again through {@code OrderExecutor.GetOrderStatus}), and an equal SELL then leaves the position
 * as it was. In real mode (or when the order manager's mode is unknown) only a dry run is sent:
 * metadata {@value #DRY_RUN}{@code =true}, which the risk engine validates and approves without
 * forwarding; a risk engine that does not advertise dry runs ({@value #DRY_RUN_METRIC}) gets no
 * signal at all. Smoke never places a real order.
 */
final class OrderProbe implements SmokeCheck {

  static final String STRATEGY = "oasis-smoke";
  static final String DRY_RUN = "oasis.dry_run";
  static final String DRY_RUN_METRIC = "risk_dry_runs_total";
  static final String RISK = "risk-engine";
  static final String ORDERS = "order-manager";

  /** Read-only status calls after the fills, so the error-rate budget has a sample. */
  static final int STATUS_SAMPLE = 10;

  private static final int REVERSAL_ATTEMPTS = 3;

  @Override
  public String name() {
    return "probe/order-path";
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    if (ctx.planned(RISK).isEmpty()) {
      return SmokeCheckResult.skip(RISK, "the environment runs no risk engine");
    }
    if (ctx.channel(RISK) == null) {
      return SmokeCheckResult.fail(RISK, "the target reports no gRPC endpoint for the risk engine");
    }
    String mode = orderManagerMode(ctx);
    if (!"paper".equals(mode)) {
      return dryRun(ctx, mode);
    }
    if (ctx.channel(ORDERS) == null) {
      return SmokeCheckResult.fail(
          ORDERS, "the target reports no gRPC endpoint for the order manager");
    }
    return paper(ctx);
  }

  /**
   * {@code paper}, {@code real}, or {@code unknown} (no order manager in the plan: it may be an
   * external, real one).
   */
  static String orderManagerMode(SmokeContext ctx) {
    if (ctx.planned(ORDERS).isEmpty()) {
      return "unknown";
    }
    String mode = ctx.variable(ORDERS, "ORDER_MANAGER_MODE", "paper").strip();
    return mode.toLowerCase(Locale.ROOT).equals("paper") ? "paper" : "real";
  }

  private SmokeCheckResult dryRun(SmokeContext ctx, String mode) {
    String why = "order manager mode " + mode;
    try {
      if (!ctx.scrape(RISK).has(DRY_RUN_METRIC)) {
        return SmokeCheckResult.skip(
            RISK,
            why
                + ": the risk engine does not advertise dry runs ("
                + DRY_RUN_METRIC
                + " missing), so no signal was sent: smoke never places a real order");
      }
    } catch (IOException e) {
      return SmokeCheckResult.fail(
          RISK, why + ": cannot tell whether it honours dry runs: " + e.getMessage());
    }
    SignalValidationResponse r;
    try {
      r = validate(ctx, signal(ctx, Side.BUY, true));
    } catch (StatusRuntimeException e) {
      return SmokeCheckResult.fail(
          RISK, "ValidateSignal at " + ctx.endpoint(RISK, "grpc") + " failed: " + Grpc.describe(e));
    }
    if (r.hasSubmission()) {
      return SmokeCheckResult.fail(
          RISK,
          "the risk engine FORWARDED a dry-run signal ("
              + why
              + "): order "
              + r.getSubmission().getOrderId()
              + " is "
              + r.getSubmission().getStatus()
              + "; check the exchange account now");
    }
    if (!r.getApproved()) {
      return SmokeCheckResult.fail(
          RISK, "dry run rejected: " + r.getRejectCode() + " " + r.getReason() + " (" + why + ")");
    }
    return SmokeCheckResult.pass(
        RISK,
        why
            + ": dry run approved ("
            + r.getOrderRequest().getSide()
            + " "
            + r.getOrderRequest().getQuantity()
            + " "
            + r.getOrderRequest().getSymbol()
            + "), not forwarded; no order placed");
  }

  private SmokeCheckResult paper(SmokeContext ctx) {
    List<String> done = new ArrayList<>();
    Leg first = leg(ctx, Side.BUY);
    if (!first.filled() && first.reject() == RejectReason.MAX_POSITION) {
      first = leg(ctx, Side.SELL); // at the long limit: go short first, then back
    }
    if (!first.filled()) {
      return SmokeCheckResult.fail(first.component(), first.text());
    }
    done.add(first.text());
    Side back = first.side() == Side.BUY ? Side.SELL : Side.BUY;
    Leg reversal = null;
    for (int i = 0; i < REVERSAL_ATTEMPTS && (reversal == null || !reversal.filled()); i++) {
      reversal = leg(ctx, back);
    }
    if (!reversal.filled()) {
      return SmokeCheckResult.fail(
          reversal.component(),
          first.text()
              + "; reversing it failed "
              + REVERSAL_ATTEMPTS
              + " times: "
              + reversal.text()
              + " — the paper position in "
              + ctx.settings().symbol()
              + " is off by "
              + ctx.settings().quantity().toPlainString()
              + " (strategy "
              + STRATEGY
              + ")");
    }
    done.add(reversal.text());
    int failed = statusSample(ctx, first.clientOrderId());
    return SmokeCheckResult.pass(
        ORDERS,
        String.join("; ", done)
            + "; position unchanged"
            + (failed == 0
                ? ""
                : "; " + failed + " of " + STATUS_SAMPLE + " status lookups failed"));
  }

  /** One order through risk and the order manager, confirmed FILLED by GetOrderStatus. */
  private Leg leg(SmokeContext ctx, Side side) {
    SignalValidationResponse r;
    try {
      r = validate(ctx, signal(ctx, side, false));
    } catch (StatusRuntimeException e) {
      return Leg.failed(
          side,
          RISK,
          null,
          side
              + ": ValidateSignal at "
              + ctx.endpoint(RISK, "grpc")
              + " failed: "
              + Grpc.describe(e));
    }
    if (!r.getApproved()) {
      String component =
          r.getRejectCode() == RejectReason.ORDER_MANAGER_UNAVAILABLE ? ORDERS : RISK;
      return Leg.failed(
          side,
          component,
          r.getRejectCode(),
          side + " rejected: " + r.getRejectCode() + " " + r.getReason());
    }
    String clientId = r.getOrderRequest().getClientOrderId();
    if (!"FILLED".equals(r.getSubmission().getStatus())) {
      return Leg.failed(
          side,
          ORDERS,
          null,
          side
              + " order "
              + clientId
              + " is "
              + r.getSubmission().getStatus()
              + ", not FILLED: "
              + r.getSubmission().getDetails());
    }
    return readBack(ctx, side, clientId);
  }

  /** The filled order as the order manager reads it back: the leg is done only if it agrees. */
  private Leg readBack(SmokeContext ctx, Side side, String clientId) {
    try {
      OrderState state =
          OrderExecutorGrpc.newBlockingStub(ctx.channel(ORDERS))
              .withDeadlineAfter(SmokeContext.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .getOrderStatus(OrderStatusRequest.newBuilder().setClientOrderId(clientId).build());
      if (state.getStatus() != OrderStatus.FILLED) {
        return Leg.failed(
            side,
            ORDERS,
            null,
            side + " order " + clientId + " reads back as " + state.getStatus());
      }
      return new Leg(
          side,
          true,
          ORDERS,
          null,
          clientId,
          side
              + " "
              + state.getFilledQuantity()
              + " "
              + ctx.settings().symbol()
              + " FILLED at "
              + state.getAveragePrice());
    } catch (StatusRuntimeException e) {
      return Leg.failed(
          side,
          ORDERS,
          null,
          side
              + " order "
              + clientId
              + ": GetOrderStatus at "
              + ctx.endpoint(ORDERS, "grpc")
              + " failed: "
              + Grpc.describe(e));
    }
  }

  private int statusSample(SmokeContext ctx, String clientId) {
    ManagedChannel ch = ctx.channel(ORDERS);
    int failed = 0;
    for (int i = 0; i < STATUS_SAMPLE; i++) {
      try {
        OrderExecutorGrpc.newBlockingStub(ch)
            .withDeadlineAfter(SmokeContext.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .getOrderStatus(OrderStatusRequest.newBuilder().setClientOrderId(clientId).build());
      } catch (StatusRuntimeException e) {
        failed++; // counted here; the error-rate budget judges it from the service's metrics
      }
    }
    return failed;
  }

  private static SignalValidationResponse validate(SmokeContext ctx, TradingSignal signal) {
    return RiskValidatorGrpc.newBlockingStub(ctx.channel(RISK))
        .withDeadlineAfter(ctx.settings().probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .validateSignal(signal);
  }

  static TradingSignal signal(SmokeContext ctx, Side side, boolean dryRun) {
    Instant now = Instant.now();
    TradingSignal.Builder b =
        TradingSignal.newBuilder()
            .setStrategyId(STRATEGY)
            .setSymbol(ctx.settings().symbol())
            .setSide(ContractValues.name(side))
            .setConfidence(1.0)
            .setSignalTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setMode(TradingMode.PAPER)
            .putMetadata("quantity", ctx.settings().quantity().toPlainString())
            .putMetadata("oasis.smoke", "true");
    if (dryRun) {
      b.putMetadata(DRY_RUN, "true");
    }
    return b.build();
  }

  /** One side of the probe. */
  private record Leg(
      Side side,
      boolean filled,
      String component,
      RejectReason reject,
      String clientOrderId,
      String text) {

    static Leg failed(Side side, String component, RejectReason reject, String text) {
      return new Leg(side, false, component, reject, null, text);
    }
  }
}
