package oasis.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import oasis.service.decimal.Decimals;
import trading.contracts.OrderStatus;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

/**
 * One order and its current state; immutable: every change returns a new order, checked against
 * {@link OrderTransitions}.
 *
 * @param price the limit price, or null for a market order
 * @param averagePrice the average fill price, or null before the first fill
 * @param fills the fills applied, in order, each once (by its venue id)
 * @param version grows by one with every change; names the change in its execution reports
 */
public record Order(
    String orderId,
    String clientOrderId,
    String symbol,
    Side side,
    OrderType orderType,
    BigDecimal quantity,
    BigDecimal price,
    String strategyId,
    TradingMode mode,
    OrderStatus status,
    BigDecimal filledQuantity,
    BigDecimal averagePrice,
    String details,
    Instant createdAt,
    Instant updatedAt,
    List<Fill> fills,
    long version) {

  /** Checks the invariants every stored order keeps. */
  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(orderType, "orderType");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    details = details == null ? "" : details;
    strategyId = strategyId == null ? "" : strategyId;
    fills = fills == null ? List.of() : List.copyOf(fills);
    if (filledQuantity.compareTo(quantity) > 0) {
      throw new IllegalArgumentException(
          "order " + orderId + " filled " + filledQuantity + " of " + quantity);
    }
  }

  /** A new order in status NEW, nothing filled. */
  public static Order newOrder(
      String orderId,
      String clientOrderId,
      String symbol,
      Side side,
      OrderType orderType,
      BigDecimal quantity,
      BigDecimal price,
      String strategyId,
      TradingMode mode,
      Instant now) {
    return new Order(
        orderId,
        clientOrderId,
        symbol,
        side,
        orderType,
        quantity,
        price,
        strategyId,
        mode,
        OrderStatus.NEW,
        BigDecimal.ZERO,
        null,
        "",
        now,
        now,
        List.of(),
        0);
  }

  /** This order in status {@code next}, if the state machine allows it; throws otherwise. */
  public Order transitionTo(OrderStatus next, String newDetails, Instant now) {
    OrderTransitions.check(orderId, status, next);
    return new Order(
        orderId,
        clientOrderId,
        symbol,
        side,
        orderType,
        quantity,
        price,
        strategyId,
        mode,
        next,
        filledQuantity,
        averagePrice,
        newDetails == null ? details : newDetails,
        createdAt,
        now,
        fills,
        version + 1);
  }

  /**
   * This order after a fill of {@code fillQuantity} at {@code fillPrice}, numbered after the fills
   * it has (paper fills, which have no venue id).
   */
  public Order fill(BigDecimal fillQuantity, BigDecimal fillPrice, Instant now) {
    return fill(new Fill("paper-" + (fills.size() + 1), fillQuantity, fillPrice), now);
  }

  /** Whether {@code fillId} is already counted in this order. */
  public boolean hasFill(String fillId) {
    for (Fill f : fills) {
      if (f.fillId().equals(fillId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * This order after {@code fill}: PARTIALLY_FILLED or FILLED. Throws for a fill already applied
   * (callers check {@link #hasFill}) or one that would overfill the order.
   */
  public Order fill(Fill fill, Instant now) {
    if (hasFill(fill.fillId())) {
      throw new IllegalArgumentException("order " + orderId + " already has fill " + fill.fillId());
    }
    BigDecimal cumulative = filledQuantity.add(fill.quantity());
    if (cumulative.compareTo(quantity) > 0) {
      throw new IllegalArgumentException(
          "order " + orderId + " would be overfilled: " + cumulative + " of " + quantity);
    }
    OrderStatus next =
        cumulative.compareTo(quantity) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    OrderTransitions.check(orderId, status, next);
    List<Fill> all = new ArrayList<>(fills);
    all.add(fill);
    return new Order(
        orderId,
        clientOrderId,
        symbol,
        side,
        orderType,
        quantity,
        price,
        strategyId,
        mode,
        next,
        cumulative,
        Decimals.average(averagePrice, filledQuantity, fill.price(), fill.quantity()),
        details,
        createdAt,
        now,
        all,
        version + 1);
  }

  /** Whether no further change is possible. */
  public boolean isTerminal() {
    return OrderTransitions.isTerminal(status);
  }
}
