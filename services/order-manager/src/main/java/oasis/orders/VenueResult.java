package oasis.orders;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an execution venue answered to a submitted order.
 *
 * @param fillQuantity quantity filled now (zero when none)
 * @param fillPrice price of that fill (null when none)
 * @param text a human-readable explanation (the rejection reason when rejected)
 */
public record VenueResult(
    Outcome outcome, BigDecimal fillQuantity, BigDecimal fillPrice, String text) {

  /** The venue's verdict. */
  public enum Outcome {
    /** Accepted and resting; fills may follow. */
    ACCEPTED,
    /** Accepted and (partly or fully) filled at once. */
    FILLED,
    /** Refused; the order ends REJECTED. */
    REJECTED
  }

  /** Checks that fills carry a quantity and a price. */
  public VenueResult {
    Objects.requireNonNull(outcome, "outcome");
    fillQuantity = fillQuantity == null ? BigDecimal.ZERO : fillQuantity;
    text = text == null ? "" : text;
    if (outcome == Outcome.FILLED && (fillQuantity.signum() <= 0 || fillPrice == null)) {
      throw new IllegalArgumentException("a fill needs a quantity and a price");
    }
  }

  /** Accepted, nothing filled yet. */
  public static VenueResult accepted(String text) {
    return new VenueResult(Outcome.ACCEPTED, BigDecimal.ZERO, null, text);
  }

  /** Filled {@code quantity} at {@code price}. */
  public static VenueResult filled(BigDecimal quantity, BigDecimal price, String text) {
    return new VenueResult(Outcome.FILLED, quantity, price, text);
  }

  /** Refused, with the reason. */
  public static VenueResult rejected(String reason) {
    return new VenueResult(Outcome.REJECTED, BigDecimal.ZERO, null, reason);
  }
}
