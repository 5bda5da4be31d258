package oasis.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Life cycle of one revision in an environment's ledger (the states of {@code CLI.md}). */
public enum RevisionState {
  PENDING,
  PROGRESSING,
  /** Running and ready: the current revision after a successful deploy or rollback. */
  HEALTHY,
  /** Never became ready, or its deploy was interrupted. */
  FAILED,
  /** Was healthy, then replaced by a newer deploy. */
  SUPERSEDED,
  /** Was healthy, then replaced by a rollback to an older revision. */
  ROLLED_BACK;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static RevisionState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether a revision in this state once ran healthy, so that it is a rollback target. */
  public boolean wasHealthy() {
    return this == HEALTHY || this == SUPERSEDED;
  }
}
