package oasis.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.analysis.Measurement;
import oasis.analysis.Outcome;
import oasis.analysis.Verdict;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.AnalysisRecord;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.Step;
import oasis.state.Revision;

/**
 * What the console shows of a rollout, read in this one place from what the deploy engine persists
 * ({@code rollout.json} through {@link Rollouts.Status}, and the ledger's {@link Revision}): when
 * the recorded form changes, only {@link #of} changes. The report's {@code --format json} is this
 * record.
 *
 * @param environment the environment
 * @param state {@code none}, a phase, or {@code interrupted}
 * @param note what to do next, for people
 * @param revision the revision rolled out (0 when there is no rollout)
 * @param version its version
 * @param commit the commit it was built from (null when the ledger no longer has it)
 * @param strategy canary or blue-green
 * @param track the new version's track
 * @param components the components on the new track
 * @param weight the new track's share of calls now, percent
 * @param steps the steps, each marked done, now or next
 * @param message why it is paused or how it ended (who promoted or aborted)
 * @param reason the ledger's reason when the revision failed
 * @param overrides {@code --set} overrides recorded with the revision
 * @param startedAt when the deploy began
 * @param readyAt when the new track was ready
 * @param failedAt when an analysis failed or an abort was asked
 * @param trafficBackAt when every call was back on stable
 * @param finishedAt when it succeeded or was aborted
 * @param analyses one per analysis step run
 * @param series per judged metric and component, canary against stable over time
 * @param finishedBy who promoted or aborted it ({@code user@host}, {@code judge}, {@code oasis});
 *     null while it runs or when its record predates it
 * @param decisions who decided what during the rollout, in order
 */
public record RolloutFacts(
    String environment,
    String state,
    String note,
    int revision,
    String version,
    String commit,
    String strategy,
    String track,
    List<String> components,
    int weight,
    List<StepFact> steps,
    String message,
    String reason,
    Map<String, String> overrides,
    Instant startedAt,
    Instant readyAt,
    Instant failedAt,
    Instant trafficBackAt,
    Instant finishedAt,
    List<AnalysisFact> analyses,
    List<Series> series,
    String finishedBy,
    List<DecisionFact> decisions) {

  /** A decision: a person's request, the judge's verdict, or the end, and who took it. */
  public record DecisionFact(Instant at, int step, String action, String by) {}

  /** One step: its text, whether it is done, running now or to come, the weight it leaves. */
  public record StepFact(int number, String text, String status, int weightAfter) {}

  /** One analysis step: its outcome (null while it runs) and summary. */
  public record AnalysisFact(int step, String outcome, String summary, List<Evidence> evidence) {}

  /** One verdict of one measurement, with the judge's own sentence. */
  public record Evidence(
      int measurement,
      Instant at,
      String condition,
      String component,
      String outcome,
      String why) {}

  /** One measurement of one metric: the canary's and stable's values (null when not observed). */
  public record Point(
      int step,
      int measurement,
      Instant at,
      Double canary,
      Double stable,
      int canarySamples,
      int stableSamples,
      String outcome) {}

  /**
   * One judged metric of one component over the rollout.
   *
   * @param max the canary's ceiling (null for none): the decision boundary drawn on the chart
   * @param maxDelta how much worse than stable the canary may be
   * @param crossedAt the first measurement that failed (null when none did)
   * @param overStable a share of bad calls judged against stable (latency): the canary fails once
   *     it is significantly more than this above stable's share, so the boundary drawn is stable's
   *     share plus this at each point; null when the boundary is {@code max} alone
   */
  public record Series(
      String condition,
      String component,
      Double max,
      double maxDelta,
      List<Point> points,
      Instant crossedAt,
      Double overStable) {

    /** A series whose only boundary is {@code max}. */
    public Series(
        String condition,
        String component,
        Double max,
        double maxDelta,
        List<Point> points,
        Instant crossedAt) {
      this(condition, component, max, maxDelta, points, crossedAt, null);
    }
  }

  public boolean present() {
    return revision > 0;
  }

  public boolean finished() {
    return "succeeded".equals(state) || "aborted".equals(state);
  }

  /** Reads a status (and the revision's ledger entry, null when pruned) into facts. */
  public static RolloutFacts of(Rollouts.Status s, Revision r) {
    RolloutState x = s.rollout();
    if (x == null) {
      return new RolloutFacts(
          s.environment(),
          s.state(),
          s.note(),
          0,
          null,
          null,
          null,
          null,
          List.of(),
          0,
          List.of(),
          null,
          null,
          Map.of(),
          null,
          null,
          null,
          null,
          null,
          List.of(),
          List.of(),
          null,
          List.of());
    }
    return new RolloutFacts(
        s.environment(),
        s.state(),
        s.note(),
        x.revision(),
        x.version(),
        r == null ? null : r.commit(),
        x.strategy(),
        x.track(),
        x.components(),
        x.weight(),
        steps(x),
        x.message(),
        r == null ? null : r.reason(),
        r == null ? Map.of() : r.overrides(),
        x.startedAt(),
        x.newTrackReadyAt(),
        x.failedAt(),
        x.trafficBackAt(),
        x.finishedAt(),
        analyses(x),
        series(x),
        x.finishedBy(),
        x.decisions().stream()
            .map(d -> new DecisionFact(d.at(), d.step() + 1, d.action(), d.by()))
            .toList());
  }

  private static List<StepFact> steps(RolloutState x) {
    List<StepFact> out = new ArrayList<>();
    int weight = 0;
    for (int i = 0; i < x.steps().size(); i++) {
      Step step = x.steps().get(i);
      if (step.kind() == Step.Kind.SET_WEIGHT && step.weight() != null) {
        weight = step.weight();
      }
      String status =
          i < x.step()
              ? "done"
              : i != x.step() ? "next" : !x.phase().finished() ? "now" : x.phase().label();
      out.add(new StepFact(i + 1, step.describe(), status, weight));
    }
    return out;
  }

  private static List<AnalysisFact> analyses(RolloutState x) {
    List<AnalysisFact> out = new ArrayList<>();
    for (AnalysisRecord a : x.analyses()) {
      List<Evidence> evidence = new ArrayList<>();
      for (Measurement m : a.measurements()) {
        for (Verdict v : m.verdicts()) {
          evidence.add(
              new Evidence(
                  m.index(),
                  m.to(),
                  v.condition(),
                  v.component(),
                  v.outcome().label(),
                  v.explanation()));
        }
      }
      out.add(
          new AnalysisFact(
              a.step() + 1,
              a.outcome() == null ? null : a.outcome().label(),
              a.summary(),
              evidence));
    }
    return out;
  }

  private static List<Series> series(RolloutState x) {
    return x.analyses().stream().anyMatch(a -> !a.evidence().isEmpty())
        ? sequentialSeries(x)
        : measuredSeries(x);
  }

  /**
   * The sequential judge's checks (about one a second) as series: each track's share of bad calls
   * (failed, or slower than the latency threshold). The boundary line is drawn for error rates,
   * whose share is the rate that {@code max} bounds; a latency share has no such line.
   */
  private static List<Series> sequentialSeries(RolloutState x) {
    Map<String, List<Point>> points = new LinkedHashMap<>();
    Map<String, Instant> crossed = new LinkedHashMap<>();
    for (AnalysisRecord a : x.analyses()) {
      List<oasis.analysis.Evidence> evidence = a.evidence();
      for (int i = 0; i < evidence.size(); i++) {
        oasis.analysis.Evidence e = evidence.get(i);
        String key = e.condition() + "\u0000" + e.component();
        if (e.decision() == Outcome.FAIL) {
          crossed.putIfAbsent(key, e.at());
        }
        points
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                new Point(
                    a.step() + 1,
                    i + 1,
                    e.at(),
                    finite(e.canaryValue()),
                    finite(e.stableValue()),
                    (int) Math.min(Integer.MAX_VALUE, e.canaryCalls()),
                    (int) Math.min(Integer.MAX_VALUE, e.stableCalls()),
                    e.decision().label()));
      }
    }
    Map<String, Verdict> verdicts = lastVerdicts(x);
    List<Series> out = new ArrayList<>();
    points.forEach(
        (key, list) -> {
          String[] parts = key.split("\u0000", 2);
          Verdict v = verdicts.get(key);
          oasis.analysis.Evidence slow = latencyEvidence(x, key);
          // an error rate is bounded by max; a latency share (calls slower than a threshold in
          // seconds) by stable's share plus the judge's fail boundary
          Double max = v != null && slow == null ? v.max() : null;
          Double overStable =
              slow != null && Double.isFinite(slow.failBoundary()) ? slow.failBoundary() : null;
          out.add(
              new Series(
                  parts[0],
                  parts[1],
                  max,
                  v == null ? 0 : v.maxDelta(),
                  list,
                  crossed.get(key),
                  overStable));
        });
    return out;
  }

  /** The first check of {@code key} that counted slow calls (a latency threshold); else null. */
  private static oasis.analysis.Evidence latencyEvidence(RolloutState x, String key) {
    for (AnalysisRecord a : x.analyses()) {
      for (oasis.analysis.Evidence e : a.evidence()) {
        if ((e.condition() + "\u0000" + e.component()).equals(key)
            && !Double.isNaN(e.threshold())) {
          return e;
        }
      }
    }
    return null;
  }

  private static Map<String, Verdict> lastVerdicts(RolloutState x) {
    Map<String, Verdict> last = new LinkedHashMap<>();
    for (AnalysisRecord a : x.analyses()) {
      for (Measurement m : a.measurements()) {
        for (Verdict v : m.verdicts()) {
          last.put(v.condition() + "\u0000" + v.component(), v);
        }
      }
    }
    return last;
  }

  private static List<Series> measuredSeries(RolloutState x) {
    Map<String, List<Point>> points = new LinkedHashMap<>();
    Map<String, Verdict> last = new LinkedHashMap<>();
    for (AnalysisRecord a : x.analyses()) {
      for (Measurement m : a.measurements()) {
        for (Verdict v : m.verdicts()) {
          String key = v.condition() + "\u0000" + v.component();
          last.put(key, v);
          points
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(
                  new Point(
                      a.step() + 1,
                      m.index(),
                      m.to(),
                      finite(v.canaryValue()),
                      finite(v.stableValue()),
                      v.canarySamples(),
                      v.stableSamples(),
                      v.outcome().label()));
        }
      }
    }
    List<Series> out = new ArrayList<>();
    points.forEach(
        (key, list) -> {
          Verdict v = last.get(key);
          Instant crossed =
              list.stream()
                  .filter(p -> "fail".equals(p.outcome()))
                  .map(Point::at)
                  .findFirst()
                  .orElse(null);
          out.add(new Series(v.condition(), v.component(), v.max(), v.maxDelta(), list, crossed));
        });
    return out;
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
