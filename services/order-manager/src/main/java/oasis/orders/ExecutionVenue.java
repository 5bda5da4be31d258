package oasis.orders;

/** Where orders are executed: paper fills at the last market price, or a real exchange. */
public interface ExecutionVenue {

  /** Submits a NEW order; exceptions mean the venue could not be reached or answered badly. */
  VenueResult submit(Order order) throws VenueException;

  /**
   * The order as the venue knows it, asked by client id; empty when the venue has never seen it (so
   * sending it is safe). Throws when the venue cannot say.
   */
  java.util.Optional<VenueResult> find(Order order) throws VenueException;

  /** Cancels a working order at the venue. */
  void cancel(Order order) throws VenueException;
}
