package oasis.deploy.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import oasis.analysis.Evidence;
import oasis.analysis.Measurement;
import oasis.analysis.Outcome;

/**
 * One analysis of a rollout as status shows it: the step it belongs to, its latest check (with a
 * verdict per condition and component), the evidence of every check so far (one {@link Evidence}
 * per judged condition and component per check, oldest first: what a console draws over time), and,
 * once done, its outcome and summary.
 *
 * @param step index of the rollout step
 * @param outcome pass, fail or inconclusive; null while it runs (or when interrupted)
 * @param summary one line for people; null while it runs
 * @param measurements the latest check only (earlier checks live on in {@code evidence})
 * @param evidence every check's numbers, oldest first
 */
public record AnalysisRecord(
    int step,
    Outcome outcome,
    String summary,
    List<Measurement> measurements,
    List<Evidence> evidence) {

  public AnalysisRecord {
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /** Collects an analysis's checks as they come. */
  static final class Builder {
    private final int step;
    private final List<Evidence> evidence = new ArrayList<>();
    private Measurement latest;

    Builder(int step) {
      this.step = step;
    }

    void add(Measurement m) {
      latest = m;
      m.verdicts().stream().map(v -> v.evidence()).filter(Objects::nonNull).forEach(evidence::add);
    }

    AnalysisRecord build() {
      return finish(null, null);
    }

    AnalysisRecord finish(Outcome outcome, String summary) {
      return new AnalysisRecord(
          step, outcome, summary, latest == null ? List.of() : List.of(latest), evidence);
    }
  }
}
