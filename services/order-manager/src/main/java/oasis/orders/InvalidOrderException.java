package oasis.orders;

/** An order request that cannot be accepted as it stands (missing or malformed fields). */
public final class InvalidOrderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the reason, naming the field. */
  public InvalidOrderException(String message) {
    super(message);
  }
}
