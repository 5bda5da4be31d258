package oasis.deploy.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import oasis.analysis.AnalysisSpec;

/**
 * One step of a rollout, resolved from {@code oasis.yaml}: set the new track's weight, pause (for a
 * duration, or until promoted when {@code pause} is null), or analyse.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(Kind kind, Integer weight, Duration pause, AnalysisSpec analysis) {

  /** What a step does. */
  public enum Kind {
    SET_WEIGHT,
    PAUSE,
    ANALYSIS
  }

  public static Step setWeight(int weight) {
    return new Step(Kind.SET_WEIGHT, weight, null, null);
  }

  public static Step pause(Duration d) {
    return new Step(Kind.PAUSE, null, d, null);
  }

  public static Step analysis(AnalysisSpec spec) {
    return new Step(Kind.ANALYSIS, null, null, spec);
  }

  /** For people: {@code setWeight 20}, {@code pause 30 s}, {@code analysis up to 15.0 s}. */
  public String describe() {
    return switch (kind) {
      case SET_WEIGHT -> "setWeight " + weight;
      case PAUSE ->
          pause == null ? "pause until promoted" : "pause " + oasis.core.Durations.seconds(pause);
      case ANALYSIS -> "analysis up to " + oasis.core.Durations.seconds(analysis.budget());
    };
  }
}
