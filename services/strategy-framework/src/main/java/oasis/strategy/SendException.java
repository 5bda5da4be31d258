package oasis.strategy;

/** The risk engine could not be reached in time or failed the call. */
public final class SendException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the peer and the failure. */
  public SendException(String message, Throwable cause) {
    super(message, cause);
  }
}
