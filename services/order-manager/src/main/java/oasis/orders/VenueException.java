package oasis.orders;

/** The venue could not be reached or gave an answer that cannot be used. */
public final class VenueException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the venue and what failed. */
  public VenueException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With a message naming the venue and what failed. */
  public VenueException(String message) {
    super(message);
  }
}
