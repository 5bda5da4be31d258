package oasis.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One measurement of an analysis: every condition judged over one interval.
 *
 * @param index 1-based
 * @param from start of the interval
 * @param to end of the interval
 * @param outcome the worst of its verdicts; inconclusive when nothing could be judged
 * @param verdicts one per condition and component
 * @param costMillis time spent reading and judging metrics (not waiting)
 */
public record Measurement(
    int index, Instant from, Instant to, Outcome outcome, List<Verdict> verdicts, long costMillis) {

  public Measurement {
    verdicts = List.copyOf(verdicts);
  }
}
