package oasis.orders;

/**
 * A client_order_id that is already an order with different fields: a reused id, not a retry.
 * Answering with the first order would tell the caller its second order exists when it does not.
 */
public final class ConflictingOrderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the message naming the order and the fields that differ. */
  public ConflictingOrderException(String message) {
    super(message);
  }
}
