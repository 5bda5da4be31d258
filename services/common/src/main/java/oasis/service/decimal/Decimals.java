package oasis.service.decimal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact decimal parsing and formatting for prices and quantities carried as strings. */
public final class Decimals {
  /** Scale kept for derived values such as average prices. */
  public static final int DERIVED_SCALE = 12;

  private Decimals() {}

  /** Parses a plain decimal string ("0.015"); rejects blanks, exponents, NaN and signs. */
  public static BigDecimal parsePositive(String field, String text) {
    BigDecimal value = parse(field, text);
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be greater than zero, got '" + text + "'");
    }
    return value;
  }

  /** Parses a plain non-negative decimal string. */
  public static BigDecimal parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + " is required (a decimal string such as 0.015)");
    }
    String trimmed = text.trim();
    if (!trimmed.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          field + " must be a plain decimal string such as 0.015, got '" + text + "'");
    }
    return new BigDecimal(trimmed);
  }

  /** Formats without exponent and without trailing zeros ("64250.1", "0"). */
  public static String format(BigDecimal value) {
    if (value == null) {
      return "";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }

  /** Volume-weighted average of an existing average and a new fill. */
  public static BigDecimal average(
      BigDecimal oldAverage, BigDecimal oldQuantity, BigDecimal price, BigDecimal quantity) {
    BigDecimal total = oldQuantity.add(quantity);
    BigDecimal value =
        (oldAverage == null ? BigDecimal.ZERO : oldAverage.multiply(oldQuantity))
            .add(price.multiply(quantity));
    return value.divide(total, DERIVED_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
