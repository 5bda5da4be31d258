package oasis.orders;

import java.math.BigDecimal;
import java.time.Instant;
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
    Instant updatedAt) {

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
        now);
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
        now);
  }

  /**
   * This order after a fill of {@code fillQuantity} at {@code fillPrice}: PARTIALLY_FILLED or
   * FILLED.
   */
  public Order fill(BigDecimal fillQuantity, BigDecimal fillPrice, Instant now) {
    if (fillQuantity.signum() <= 0 || fillPrice.signum() <= 0) {
      throw new IllegalArgumentException("a fill needs a positive quantity and price");
    }
    BigDecimal cumulative = filledQuantity.add(fillQuantity);
    if (cumulative.compareTo(quantity) > 0) {
      throw new IllegalArgumentException(
          "order " + orderId + " would be overfilled: " + cumulative + " of " + quantity);
    }
    OrderStatus next =
        cumulative.compareTo(quantity) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
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
        cumulative,
        Decimals.average(averagePrice, filledQuantity, fillPrice, fillQuantity),
        details,
        createdAt,
        now);
  }

  /** Whether no further change is possible. */
  public boolean isTerminal() {
    return OrderTransitions.isTerminal(status);
  }
}
