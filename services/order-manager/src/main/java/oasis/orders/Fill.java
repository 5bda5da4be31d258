package oasis.orders;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill of an order at its venue.
 *
 * @param fillId the venue's id of the fill (Coinbase: trade_id), unique within the order; what
 *     makes a fill that is reported twice count once
 */
public record Fill(String fillId, BigDecimal quantity, BigDecimal price) {

  /** Checks that a fill has an id, a positive quantity and a positive price. */
  public Fill {
    Objects.requireNonNull(fillId, "fillId");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    if (fillId.isBlank() || quantity.signum() <= 0 || price.signum() <= 0) {
      throw new IllegalArgumentException(
          "a fill needs an id, a positive quantity and a positive price, got "
              + fillId
              + " "
              + quantity
              + " @ "
              + price);
    }
  }
}
