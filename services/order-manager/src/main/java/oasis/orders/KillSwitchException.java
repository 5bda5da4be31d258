package oasis.orders;

/** The kill switch is engaged: no order is accepted or sent (gRPC FAILED_PRECONDITION). */
public final class KillSwitchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the reason the switch was engaged for. */
  public KillSwitchException(String message) {
    super(message);
  }
}
