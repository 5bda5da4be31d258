package oasis.analysis;

import java.time.Duration;
import java.util.List;

/**
 * One analysis: {@code count} measurements, one every {@code interval}, each judging every
 * condition; the analysis fails once more than {@code failureLimit} measurements failed, and is
 * inconclusive when more than {@code inconclusiveLimit} could not judge.
 *
 * @param minSamples fewer canary (or stable) observations than this in a measurement make its
 *     verdict inconclusive (or leave the comparison out)
 * @param alpha significance level of the one-sided Mann-Whitney U test (canary worse than stable)
 */
public record AnalysisSpec(
    List<Condition> conditions,
    Duration interval,
    int count,
    int failureLimit,
    int inconclusiveLimit,
    int minSamples,
    double alpha) {

  public AnalysisSpec {
    conditions = List.copyOf(conditions);
  }
}
