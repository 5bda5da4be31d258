package oasis.preflight;

import java.util.Locale;

/** The outcome of one check or finding, worst last. */
public enum Status {
  PASS,
  SKIP,
  WARN,
  FAIL;

  /** {@code pass}, {@code skip}, {@code warn}, {@code fail}: the spelling reports use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two. */
  public Status worst(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
