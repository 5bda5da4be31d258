package oasis.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import oasis.service.decimal.Decimals;

/**
 * What an execution venue says about an order: its verdict and every fill it has had so far.
 *
 * @param fills every fill of the order at the venue so far, each with the venue's id (the order
 *     service applies those it has not counted yet)
 * @param text a human-readable explanation (the rejection reason when rejected)
 */
public record VenueResult(Outcome outcome, List<Fill> fills, String text) {

  /** The venue's verdict. */
  public enum Outcome {
    /** Accepted and working; fills may follow ({@code fills} holds those so far). */
    ACCEPTED,
    /** Accepted and (partly or fully) filled at once; {@code fills} holds them. */
    FILLED,
    /** Done at the venue without filling in full (canceled, expired): keeps {@code fills}. */
    CANCELED,
    /** Refused; the order ends REJECTED. */
    REJECTED
  }

  /** Checks that a FILLED verdict carries fills. */
  public VenueResult {
    Objects.requireNonNull(outcome, "outcome");
    fills = fills == null ? List.of() : List.copyOf(fills);
    text = text == null ? "" : text;
    if (outcome == Outcome.FILLED && fills.isEmpty()) {
      throw new IllegalArgumentException("a fill needs a quantity and a price");
    }
  }

  /** Accepted, nothing filled yet. */
  public static VenueResult accepted(String text) {
    return new VenueResult(Outcome.ACCEPTED, List.of(), text);
  }

  /** Filled {@code quantity} at {@code price} at once, in one fill (paper). */
  public static VenueResult filled(BigDecimal quantity, BigDecimal price, String text) {
    return new VenueResult(Outcome.FILLED, List.of(new Fill("paper-1", quantity, price)), text);
  }

  /** Refused, with the reason. */
  public static VenueResult rejected(String reason) {
    return new VenueResult(Outcome.REJECTED, List.of(), reason);
  }

  /** The quantity of all fills (zero when none). */
  public BigDecimal fillQuantity() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Fill f : fills) {
      sum = sum.add(f.quantity());
    }
    return sum;
  }

  /** The average price of all fills, or null when none. */
  public BigDecimal fillPrice() {
    if (fills.isEmpty()) {
      return null;
    }
    BigDecimal value = BigDecimal.ZERO;
    for (Fill f : fills) {
      value = value.add(f.quantity().multiply(f.price()));
    }
    return value
        .divide(fillQuantity(), Decimals.DERIVED_SCALE, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }
}
