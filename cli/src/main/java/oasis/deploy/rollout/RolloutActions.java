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
   * Stops the new track and marks the revision failed. The caller has sent every call back to
   * stable first ({@link #setWeight} 0), and recorded when: the routes switch is what an abort
   * waits for, the stop is not.
   */
  void abort(RolloutState state, String reason);
}
