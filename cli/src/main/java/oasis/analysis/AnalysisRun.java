package oasis.analysis;

import java.time.Instant;
import java.util.List;

/**
 * A finished (or stopped) analysis: its measurements and what they add up to.
 *
 * @param outcome fail once more than failureLimit measurements failed; inconclusive once more than
 *     inconclusiveLimit could not judge; else pass
 * @param summary one line for people
 */
public record AnalysisRun(
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    List<Measurement> measurements,
    String summary) {

  public AnalysisRun {
    measurements = List.copyOf(measurements);
  }
}
