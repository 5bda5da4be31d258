package oasis.deploy.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What {@code oasis rollout} asks of a rollout. */
public enum Control {
  /** Go to the next step now (skip a pause or the running analysis). */
  PROMOTE,
  /** Skip every remaining step: the new version becomes stable now. */
  PROMOTE_FULL,
  /** Traffic back to stable, stop the new track, mark the revision failed. */
  ABORT,
  /** Hold at the current step. */
  PAUSE,
  /** Continue a paused rollout (an inconclusive analysis is run again). */
  RESUME;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static Control of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
