package oasis.preflight;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a failed check matters: an error fails the preflight, a warning only with --strict. */
public enum Severity {
  ERROR,
  WARNING;

  @JsonCreator
  static Severity of(String value) {
    for (Severity s : values()) {
      if (s.label().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "severity must be 'error' or 'warning', not '" + value + "'");
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
