package oasis.orders;

import trading.contracts.OrderStatus;

/** An order was asked to move to a status the state machine does not allow from its current one. */
public final class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final OrderStatus from;
  private final OrderStatus to;

  /** Names the order and the refused transition. */
  public IllegalTransitionException(String orderId, OrderStatus from, OrderStatus to) {
    super("order " + orderId + " cannot go from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public OrderStatus from() {
    return from;
  }

  public OrderStatus to() {
    return to;
  }
}
