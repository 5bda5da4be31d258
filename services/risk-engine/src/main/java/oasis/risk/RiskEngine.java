package oasis.risk;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import oasis.service.control.KillSwitch;
import oasis.service.decimal.Decimals;
import oasis.service.marketdata.LastPrices;
import trading.contracts.ContractValues;
import trading.contracts.OrderFill;
import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.OrderType;
import trading.contracts.RejectReason;
import trading.contracts.Side;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * Validates signals against {@link RiskLimits} and forwards approved ones to the order manager.
 * Checks run in a fixed order (kill switch, validity, confidence, rate, quantity, price, notional,
 * position, open orders); the first that fails names the rejection. Orders in flight count toward
 * position and open orders until the order manager answers, so concurrent signals cannot together
 * pass a limit that each alone would.
 */
public final class RiskEngine {
  /**
   * Signal metadata that asks for a dry run: every check runs, and an approved signal is answered
   * with its order but never forwarded (how {@code oasis smoke} probes an environment in real
   * mode).
   */
  public static final String DRY_RUN = "oasis.dry_run";

  private final RiskLimits limits;
  private final OrderSizing sizing;
  private final LastPrices prices;
  private final PositionBook book;
  private final RateLimiter rate;
  private final OrderSubmitter submitter;
  private final RiskMetrics metrics;
  private final Map<String, BigDecimal> pending = new HashMap<>();
  private int inFlight;
  private volatile KillSwitch killSwitch = new KillSwitch();

  /** Wires the engine; none of its collaborators needs a network to be tested. */
  public RiskEngine(
      RiskLimits limits,
      OrderSizing sizing,
      LastPrices prices,
      PositionBook book,
      RateLimiter rate,
      OrderSubmitter submitter,
      RiskMetrics metrics) {
    this.limits = limits;
    this.sizing = sizing;
    this.prices = prices;
    this.book = book;
    this.rate = rate;
    this.submitter = submitter;
    this.metrics = metrics;
  }

  /** Obeys the runtime {@code killSwitch} as well as the configured one (RISK_KILL_SWITCH). */
  public RiskEngine obey(KillSwitch killSwitch) {
    this.killSwitch = killSwitch;
    return this;
  }

  /** Validates {@code signal}; when approved the response carries the order and its submission. */
  public SignalValidationResponse validate(TradingSignal signal) {
    long start = System.nanoTime();
    SignalValidationResponse response = decide(signal);
    metrics.validated(response.getApproved(), response.getRejectCode(), System.nanoTime() - start);
    return response;
  }

  private SignalValidationResponse decide(TradingSignal signal) {
    if (limits.killSwitch()) {
      return reject(RejectReason.KILL_SWITCH, "kill switch is on: no new orders");
    }
    if (killSwitch.engaged()) {
      return reject(
          RejectReason.KILL_SWITCH,
          "kill switch engaged by control command: no new orders (" + killSwitch.reason() + ")");
    }
    String invalid = invalidReason(signal);
    if (invalid != null) {
      return reject(RejectReason.INVALID_SIGNAL, invalid);
    }
    Side side = ContractValues.side(signal.getSide());
    TradingMode mode = ContractValues.requestedMode(signal);
    if (signal.getConfidence() < limits.minConfidence()) {
      return reject(
          RejectReason.MIN_CONFIDENCE,
          "confidence "
              + signal.getConfidence()
              + " is below the minimum "
              + limits.minConfidence());
    }
    // dry runs (smoke, analysis traffic) are never forwarded: they leave the budget to real signals
    if (!dryRun(signal) && !rate.tryAcquire()) {
      return reject(
          RejectReason.RATE_LIMIT,
          "more than " + limits.signalsPerSecond() + " signals per second");
    }
    BigDecimal quantity;
    try {
      quantity = sizing.quantityFor(signal);
    } catch (IllegalArgumentException e) {
      return reject(RejectReason.INVALID_SIGNAL, e.getMessage());
    }
    if (quantity.compareTo(limits.maxOrderQuantity()) > 0) {
      return reject(
          RejectReason.MAX_ORDER_QUANTITY,
          "quantity "
              + Decimals.format(quantity)
              + " exceeds the maximum "
              + Decimals.format(limits.maxOrderQuantity()));
    }
    LastPrices.Quote quote =
        prices.quote(signal.getSymbol(), signal.getMode() == TradingMode.PAPER);
    if (!quote.usable()) {
      return reject(RejectReason.NO_MARKET_PRICE, quote.reason());
    }
    Optional<BigDecimal> price = quote.price();
    BigDecimal notional = quantity.multiply(price.get());
    if (notional.compareTo(limits.maxNotional()) > 0) {
      return reject(
          RejectReason.MAX_NOTIONAL,
          "notional "
              + Decimals.format(notional)
              + " exceeds the maximum "
              + Decimals.format(limits.maxNotional()));
    }
    BigDecimal signed = side == Side.BUY ? quantity : quantity.negate();
    SignalValidationResponse refused = reserve(signal.getSymbol(), signed);
    if (refused != null) {
      return refused;
    }
    OrderRequest order = order(signal, side, mode, quantity, price.get());
    if (dryRun(signal)) {
      release(signal.getSymbol(), signed);
      metrics.dryRun();
      return SignalValidationResponse.newBuilder()
          .setApproved(true)
          .setReason(
              "approved "
                  + modeText(signal, mode)
                  + " (dry run: not forwarded to the order manager)")
          .setOrderRequest(order)
          .build();
    }
    try {
      OrderSubmissionResponse submission = submitter.submit(order);
      record(order, signed.signum(), submission);
      return SignalValidationResponse.newBuilder()
          .setApproved(true)
          .setReason(
              "approved "
                  + modeText(signal, mode)
                  + "; executed "
                  + (submission.getRealMoney() ? "REAL" : "PAPER"))
          .setOrderRequest(order)
          .setSubmission(submission)
          .build();
    } catch (SubmitException e) {
      return reject(RejectReason.ORDER_MANAGER_UNAVAILABLE, e.getMessage()).toBuilder()
          .setOrderRequest(order)
          .build();
    } finally {
      release(signal.getSymbol(), signed);
    }
  }

  private synchronized SignalValidationResponse reserve(String symbol, BigDecimal signed) {
    BigDecimal projected =
        book.position(symbol).add(pending.getOrDefault(symbol, BigDecimal.ZERO)).add(signed);
    if (projected.abs().compareTo(limits.maxPosition()) > 0) {
      return reject(
          RejectReason.MAX_POSITION,
          "position in "
              + symbol
              + " would be "
              + Decimals.format(projected)
              + ", beyond the maximum "
              + Decimals.format(limits.maxPosition()));
    }
    int working = book.openOrders() + inFlight;
    if (working >= limits.maxOpenOrders()) {
      return reject(
          RejectReason.MAX_OPEN_ORDERS,
          working + " orders are working, the maximum is " + limits.maxOpenOrders());
    }
    pending.merge(symbol, signed, BigDecimal::add);
    inFlight++;
    return null;
  }

  private synchronized void release(String symbol, BigDecimal signed) {
    pending.merge(symbol, signed.negate(), BigDecimal::add);
    inFlight--;
  }

  /**
   * Takes the order manager's answer into the book: each fill it lists, under the same key its
   * execution report will carry (order id, fill id), so the fill counts once whichever comes first.
   * An answer without fill ids (an order manager from before them, whose reports carry none either)
   * counts its filled quantity once per order.
   */
  private void record(OrderRequest order, int sign, OrderSubmissionResponse submission) {
    if (submission.getFillsCount() > 0) {
      for (OrderFill fill : submission.getFillsList()) {
        BigDecimal quantity = new BigDecimal(fill.getQuantity());
        book.applyFill(
            ExecutionReportListener.fillKey(submission.getOrderId(), fill.getFillId()),
            order.getSymbol(),
            sign < 0 ? quantity.negate() : quantity);
      }
    } else {
      String filled = submission.getFilledQuantity();
      if (!filled.isEmpty() && new BigDecimal(filled).signum() > 0) {
        BigDecimal quantity = new BigDecimal(filled);
        book.applyFill(
            order.getClientOrderId(), order.getSymbol(), sign < 0 ? quantity.negate() : quantity);
      }
    }
    switch (submission.getStatus()) {
      // UNKNOWN and SENT may be working at the venue: they count as open until they are known.
      // An order whose final report came first stays closed (the book remembers closings).
      case "NEW", "SENT", "ACCEPTED", "PARTIALLY_FILLED", "UNKNOWN" ->
          book.orderOpened(order.getClientOrderId());
      default -> book.orderClosed(order.getClientOrderId());
    }
  }

  /**
   * The order for an approved signal. Its mode is the one the signal asks for by the rule of {@link
   * ContractValues#requestedMode}: REAL (with real_money) only when the signal said both, PAPER,
   * explicitly, in every other case; the order manager's ceiling applies on top.
   */
  private static OrderRequest order(
      TradingSignal signal, Side side, TradingMode mode, BigDecimal quantity, BigDecimal price) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId(signal))
        .setSymbol(signal.getSymbol())
        .setSide(ContractValues.name(side))
        .setOrderType(ContractValues.name(OrderType.MARKET))
        .setQuantity(Decimals.format(quantity))
        .setPrice(Decimals.format(price))
        .setStrategyId(signal.getStrategyId())
        .setMode(mode)
        .setRealMoney(mode == TradingMode.REAL)
        .build();
  }

  /** How the signal's mode was read, for the reason an operator sees. */
  private static String modeText(TradingSignal signal, TradingMode mode) {
    if (mode == TradingMode.REAL) {
      return "REAL (real_money requested)";
    }
    return signal.getMode() == TradingMode.PAPER
        ? "PAPER"
        : "PAPER (mode REAL or absent without real_money=true: paper)";
  }

  /**
   * A client order id derived from the signal's identity (strategy, symbol, side, timestamp), so
   * that a retried signal leads to the same order; random when the signal has no timestamp.
   */
  static String clientOrderId(TradingSignal signal) {
    if (!signal.hasSignalTimestamp()) {
      return UUID.randomUUID().toString();
    }
    String identity =
        String.join(
            "|",
            signal.getStrategyId(),
            signal.getSymbol(),
            ContractValues.side(signal.getSide()).name(),
            Long.toString(signal.getSignalTimestamp().getSeconds()),
            Integer.toString(signal.getSignalTimestamp().getNanos()));
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static boolean dryRun(TradingSignal signal) {
    return "true".equalsIgnoreCase(signal.getMetadataOrDefault(DRY_RUN, "").strip());
  }

  private static String invalidReason(TradingSignal signal) {
    if (signal.getStrategyId().isBlank()) {
      return "strategy_id is required";
    }
    if (!signal.getSymbol().matches("[A-Z0-9]+-[A-Z0-9]+")) {
      return "symbol must look like BTC-USD, got '" + signal.getSymbol() + "'";
    }
    try {
      ContractValues.side(signal.getSide());
      ContractValues.requestedMode(signal);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    double confidence = signal.getConfidence();
    if (Double.isNaN(confidence) || confidence < 0 || confidence > 1) {
      return "confidence must be between 0 and 1, got " + confidence;
    }
    return null;
  }

  private static SignalValidationResponse reject(RejectReason code, String reason) {
    return SignalValidationResponse.newBuilder()
        .setApproved(false)
        .setRejectCode(code)
        .setReason(reason)
        .build();
  }
}
