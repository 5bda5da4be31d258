package oasis.risk;

import java.math.BigDecimal;

/** Exact decimal parsing and formatting for prices and quantities carried as strings. */
public final class Decimals {
  private Decimals() {}

  /** Parses a plain positive decimal string ("0.015"); rejects blanks, exponents and signs. */
  public static BigDecimal parsePositive(String field, String text) {
    if (text == null || !text.trim().matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          field + " must be a plain decimal string such as 0.015, got '" + text + "'");
    }
    BigDecimal value = new BigDecimal(text.trim());
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be greater than zero, got '" + text + "'");
    }
    return value;
  }

  /** Formats without exponent and without trailing zeros. */
  public static String format(BigDecimal value) {
    if (value == null) {
      return "";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
