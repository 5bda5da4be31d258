package oasis.deploy.rollout;

import java.util.List;
import oasis.analysis.Measurement;
import oasis.analysis.Outcome;

/**
 * One analysis of a rollout as status shows it: the step it belongs to, its measurements so far,
 * and (once done) its outcome and summary.
 */
public record AnalysisRecord(
    int step, Outcome outcome, String summary, List<Measurement> measurements) {

  public AnalysisRecord {
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
  }
}
