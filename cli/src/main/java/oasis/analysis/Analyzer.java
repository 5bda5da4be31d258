package oasis.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an {@link AnalysisSpec} of the canary track against stable, sequentially: reads the counters
 * of both tracks when it starts and then every {@link AnalysisSpec#poll()}, judges every condition
 * on what happened since the start ({@link SequentialJudge}), and stops at the first fail, once
 * every condition passed, or when the budget is spent (inconclusive). Each check is handed to the
 * caller as a {@link Measurement}, its verdicts carrying the {@link Evidence}.
 */
public final class Analyzer {

  static final String CALLS = "grpc_server_handling_seconds";
  static final String ERRORS = "grpc_server_errors_total";
  private static final List<String> METRICS = List.of(CALLS + "_count", CALLS + "_bucket", ERRORS);

  /** Waits; tests pass one that does not. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final MetricSource source;
  private final AnalysisSpec spec;
  private final String stableTrack;
  private final String canaryTrack;
  private final Clock clock;
  private final Sleeper sleeper;
  private final SequentialJudge judge;
  private int missed;
  private String lastMiss;

  public Analyzer(
      MetricSource source,
      AnalysisSpec spec,
      String stableTrack,
      String canaryTrack,
      Clock clock,
      Sleeper sleeper) {
    this.source = source;
    this.spec = spec;
    this.stableTrack = stableTrack;
    this.canaryTrack = canaryTrack;
    this.clock = clock;
    this.sleeper = sleeper;
    this.judge = new SequentialJudge(spec.alpha(), spec.tolerance());
  }

  /**
   * Checks {@code components} (those with a canary) until a decision, the budget, or {@code stop};
   * a stopped analysis is inconclusive.
   */
  public AnalysisRun run(
      List<String> components, Consumer<Measurement> onCheck, BooleanSupplier stop)
      throws InterruptedException {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Map<String, Snapshot> baseline = baseline(components, started, stop);
    if (baseline == null) {
      return finish(
          started,
          List.of(),
          Outcome.INCONCLUSIVE,
          "no first read within the budget; the last failed: " + lastMiss);
    }
    Map<String, Double> thresholds = thresholds(components, baseline);
    QueryConditions queries = new QueryConditions(source, spec, canaryTrack, stableTrack);
    List<Measurement> checks = new ArrayList<>();
    long cost = System.nanoTime() - t0;
    for (int i = 1; ; i++) {
      if (stop.getAsBoolean() || pollStopped(stop)) {
        return finish(
            started, checks, Outcome.INCONCLUSIVE, "stopped after " + (i - 1) + " check(s)");
      }
      long c0 = System.nanoTime();
      Instant now = clock.instant();
      boolean last = !now.isBefore(started.plus(spec.budget()));
      Map<String, Snapshot> current = read(components, queries);
      if (current == null && last) {
        return finish(
            started,
            checks,
            Outcome.INCONCLUSIVE,
            "no decision within the budget; the last read failed: " + lastMiss);
      } else if (current == null) {
        continue;
      }
      List<Verdict> verdicts = new ArrayList<>();
      for (Condition c : spec.conditions()) {
        for (String comp : applicable(c, components)) {
          Verdict v =
              c.kind() == Condition.Kind.QUERY
                  ? queries.verdict(c, comp, last)
                  : counterVerdict(c, comp, baseline, current, thresholds, started, now);
          Optional.ofNullable(v).ifPresent(verdicts::add);
        }
      }
      Outcome outcome = combine(verdicts);
      cost += System.nanoTime() - c0;
      Measurement m = new Measurement(i, started, now, outcome, verdicts, cost / 1_000_000);
      cost = 0;
      checks.add(m);
      onCheck.accept(m);
      if (outcome == Outcome.FAIL || outcome == Outcome.PASS) {
        return finish(started, checks, outcome, decided(m));
      }
      if (last) {
        return finish(started, checks, Outcome.INCONCLUSIVE, undecided(m));
      }
    }
  }

  /**
   * The first read, retried until it succeeds: a busy host's timeout is a miss, and the analysis
   * starts from the first read that succeeds, within the same budget. Null when the budget ran out
   * or the analysis was stopped first.
   */
  private Map<String, Snapshot> baseline(
      List<String> components, Instant started, BooleanSupplier stop) throws InterruptedException {
    while (true) {
      try {
        return snapshots(components);
      } catch (oasis.core.OasisException e) {
        missed++;
        lastMiss = e.getMessage();
        if (!clock.instant().isBefore(started.plus(spec.budget())) || stop.getAsBoolean()) {
          return null;
        }
        sleeper.sleep(spec.poll());
      }
    }
  }

  /**
   * One check's read of both tracks, null when it failed: one missed read (a scrape that timed out
   * on a busy host) loses nothing, the counters are cumulative and the next read has every call;
   * only the budget keeps running.
   */
  private Map<String, Snapshot> read(List<String> components, QueryConditions queries) {
    try {
      queries.sample(components);
      return snapshots(components);
    } catch (oasis.core.OasisException e) {
      missed++;
      lastMiss = e.getMessage();
      return null;
    }
  }

  /** Waits one poll; whether the analysis was stopped meanwhile. */
  private boolean pollStopped(BooleanSupplier stop) throws InterruptedException {
    sleeper.sleep(spec.poll());
    return stop.getAsBoolean();
  }

  /** Fail if any verdict failed, pass if every one passed, else undecided. */
  static Outcome combine(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return Outcome.UNDECIDED;
    }
    if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAIL)) {
      return Outcome.FAIL;
    }
    return verdicts.stream().allMatch(v -> v.outcome() == Outcome.PASS)
        ? Outcome.PASS
        : Outcome.UNDECIDED;
  }

  private String decided(Measurement m) {
    List<String> which =
        m.verdicts().stream()
            .filter(v -> v.outcome() == m.outcome())
            .map(v -> v.condition() + " of " + v.component())
            .toList();
    return (m.outcome() == Outcome.FAIL ? "significantly worse: " : "every condition passed: ")
        + String.join(", ", which);
  }

  private String undecided(Measurement m) {
    if (m.verdicts().isEmpty()) {
      return "no calls on either track within the budget (is there traffic? set analysis.traffic)";
    }
    List<String> open =
        m.verdicts().stream()
            .filter(v -> v.outcome() != Outcome.PASS)
            .map(
                v ->
                    v.condition()
                        + " of "
                        + v.component()
                        + " ("
                        + v.canarySamples()
                        + " canary call(s))")
            .toList();
    return "no decision within the budget for " + String.join(", ", open);
  }

  private AnalysisRun finish(
      Instant started, List<Measurement> checks, Outcome outcome, String why) {
    Duration took = Duration.between(started, clock.instant());
    String summary =
        String.format(
            "analysis %s: %s (%d check(s)%s in %s of a %s budget, alpha %s)",
            outcome.label(),
            why,
            checks.size(),
            missed == 0 ? "" : ", " + missed + " missed read(s), the last: " + lastMiss,
            oasis.core.Durations.seconds(took),
            oasis.core.Durations.seconds(spec.budget()),
            Judge.num(spec.alpha()));
    return new AnalysisRun(started, clock.instant(), outcome, checks, summary);
  }

  /** The components a condition judges: its own, or every one. */
  static List<String> applicable(Condition c, List<String> components) {
    return c.component() == null
        ? components
        : components.stream().filter(c.component()::equals).toList();
  }

  private Map<String, Snapshot> snapshots(List<String> components) {
    Map<String, Snapshot> out = new TreeMap<>();
    for (String comp : components) {
      for (String track : List.of(canaryTrack, stableTrack)) {
        out.put(comp + "/" + track, source.snapshot(comp, track, METRICS));
      }
    }
    return out;
  }

  /**
   * Per latency condition and component, the bound above which a call is bad: stable's quantile
   * over its whole life before the analysis plus maxDelta (fixed now, so the test's question does
   * not move with its data), no higher than the condition's max.
   */
  private Map<String, Double> thresholds(List<String> components, Map<String, Snapshot> baseline) {
    Map<String, Double> out = new HashMap<>();
    for (Condition c : spec.conditions()) {
      if (c.kind() != Condition.Kind.LATENCY_P95 && c.kind() != Condition.Kind.LATENCY_P99) {
        continue;
      }
      for (String comp : applicable(c, components)) {
        var stable = baseline.get(comp + "/" + stableTrack).buckets(CALLS, c.calls());
        double total = stable.isEmpty() ? 0 : stable.lastEntry().getValue();
        double relative =
            total >= spec.minSamples()
                ? Histograms.quantile(c.quantile(), stable) + c.maxDelta()
                : Double.NaN;
        double t =
            c.max() == null
                ? relative
                : Double.isNaN(relative) ? c.max() : Math.min(relative, c.max());
        out.put(c.name() + "/" + comp, t);
      }
    }
    return out;
  }

  private Verdict counterVerdict(
      Condition c,
      String comp,
      Map<String, Snapshot> baseline,
      Map<String, Snapshot> current,
      Map<String, Double> thresholds,
      Instant started,
      Instant now) {
    Snapshot canary =
        current.get(comp + "/" + canaryTrack).minus(baseline.get(comp + "/" + canaryTrack));
    Snapshot stable =
        current.get(comp + "/" + stableTrack).minus(baseline.get(comp + "/" + stableTrack));
    long canaryCalls = Math.round(canary.sum(CALLS + "_count", c.calls()));
    long stableCalls = Math.round(stable.sum(CALLS + "_count", c.calls()));
    if (canaryCalls == 0 && stableCalls == 0 && c.component() == null) {
      return null;
    }
    long elapsed = Duration.between(started, now).toMillis();
    List<LabelMatcher> synthetic = new ArrayList<>(c.calls());
    synthetic.add(LabelMatcher.eq("traffic", "analysis"));
    long analysisCalls = Math.round(canary.sum(CALLS + "_count", synthetic));
    if (c.kind() == Condition.Kind.ERROR_RATE) {
      return withTraffic(
          analysisCalls,
          canaryCalls,
          judge.judge(
              c,
              comp,
              new SequentialJudge.Counts(canaryCalls, Math.round(canary.sum(ERRORS, c.calls()))),
              new SequentialJudge.Counts(stableCalls, Math.round(stable.sum(ERRORS, c.calls()))),
              Double.NaN,
              c.maxDelta(),
              c.max(),
              now,
              elapsed));
    }
    return withTraffic(
        analysisCalls,
        canaryCalls,
        latencyVerdict(
            c, comp, canary, stable, canaryCalls, stableCalls, thresholds, now, elapsed));
  }

  /**
   * A latency condition as shares of bad calls: those above the histogram bound at or above the
   * condition's threshold. Without a threshold or bound yet, the canary counts no call.
   */
  private Verdict latencyVerdict(
      Condition c,
      String comp,
      Snapshot canary,
      Snapshot stable,
      long canaryCalls,
      long stableCalls,
      Map<String, Double> thresholds,
      Instant now,
      long elapsed) {
    var cb = canary.buckets(CALLS, c.calls());
    var sb = stable.buckets(CALLS, c.calls());
    double t = thresholds.getOrDefault(c.name() + "/" + comp, Double.NaN);
    double bound =
        Double.isNaN(t) ? Double.NaN : Histograms.boundAtOrAbove(t, cb.isEmpty() ? sb : cb);
    if (Double.isNaN(bound)) {
      return judge.judge(
          c,
          comp,
          new SequentialJudge.Counts(0, 0),
          new SequentialJudge.Counts(stableCalls, 0),
          Double.NaN,
          1 - c.quantile(),
          null,
          now,
          elapsed);
    }
    return judge.judge(
        c,
        comp,
        new SequentialJudge.Counts(canaryCalls, Histograms.above(bound, cb)),
        new SequentialJudge.Counts(stableCalls, Histograms.above(bound, sb)),
        bound,
        1 - c.quantile(),
        null,
        now,
        elapsed);
  }

  /** The verdict saying how many of the canary's calls were oasis's own analysis traffic. */
  private static Verdict withTraffic(long analysisCalls, long canaryCalls, Verdict v) {
    if (analysisCalls == 0) {
      return v;
    }
    return new Verdict(
        v.condition(),
        v.component(),
        v.outcome(),
        v.canarySamples(),
        v.stableSamples(),
        v.canaryValue(),
        v.stableValue(),
        v.statistic(),
        v.pValue(),
        v.alpha(),
        v.max(),
        v.maxDelta(),
        v.explanation()
            + " ("
            + analysisCalls
            + " of the canary's "
            + canaryCalls
            + " call(s) were analysis traffic)",
        v.evidence());
  }
}
