package oasis.deploy.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a rollout is. */
public enum Phase {
  /** Walking its steps. */
  PROGRESSING,
  /** Waiting: a pause step, {@code rollout pause}, or an inconclusive analysis. */
  PAUSED,
  /** The new version is the new stable. */
  SUCCEEDED,
  /** Traffic went back to stable and the new track was stopped. */
  ABORTED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Phase of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this == SUCCEEDED || this == ABORTED;
  }
}
