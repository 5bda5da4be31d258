package oasis.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a verdict, a measurement or an analysis concluded. */
public enum Outcome {
  PASS,
  /** A sequential test still collecting evidence: neither boundary crossed yet. */
  UNDECIDED,
  /** Too few observations to judge: never a pass. */
  INCONCLUSIVE,
  FAIL;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of two outcomes (fail over inconclusive over undecided over pass). */
  public Outcome worst(Outcome other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
