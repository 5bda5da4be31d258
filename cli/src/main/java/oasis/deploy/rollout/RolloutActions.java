package oasis.deploy.rollout;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import oasis.analysis.AnalysisRun;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Measurement;

/** What a rollout does to the world; the deploy engine implements it over a target. */
public interface RolloutActions {

  /** Gives the new track {@code weight} percent of the calls, at once. */
  void setWeight(RolloutState state, int weight);

  /** Runs an analysis of the new track against stable. */
  AnalysisRun analyse(
      RolloutState state, AnalysisSpec spec, Consumer<Measurement> each, BooleanSupplier stop)
      throws InterruptedException;

  /** Makes the new version the stable one and stops the new track; true when it worked. */
  boolean promote(RolloutState state);

  /**
   * Sends every call back to stable (first, at once), stops the new track, marks the revision
   * failed; returns the time the traffic went back.
   */
  java.time.Instant abort(RolloutState state, String reason);
}
