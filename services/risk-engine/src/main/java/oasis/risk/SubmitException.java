package oasis.risk;

/** The order manager could not be reached or refused the request outright. */
public final class SubmitException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the peer and the failure. */
  public SubmitException(String message, Throwable cause) {
    super(message, cause);
  }
}
