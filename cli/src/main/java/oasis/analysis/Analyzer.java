package oasis.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an {@link AnalysisSpec} of the canary track against stable: each measurement reads the
 * counters of both tracks at the start and end of its interval (and custom queries at ticks in
 * between), and judges every condition on what happened in that interval.
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
  private final Judge judge;

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
    this.judge = new Judge(spec.minSamples(), spec.alpha());
  }

  /**
   * Runs up to {@code count} measurements of {@code components} (those with a canary); stops early
   * once the outcome is decided or {@code stop} says so (then the run so far is returned).
   */
  public AnalysisRun run(
      List<String> components, Consumer<Measurement> onMeasurement, BooleanSupplier stop)
      throws InterruptedException {
    Instant started = clock.instant();
    List<Measurement> done = new ArrayList<>();
    int failed = 0;
    int inconclusive = 0;
    for (int i = 1; i <= spec.count(); i++) {
      Measurement m = measure(i, components, stop);
      if (m == null) {
        return finish(started, done, Outcome.INCONCLUSIVE, "stopped before measurement " + i);
      }
      done.add(m);
      onMeasurement.accept(m);
      if (m.outcome() == Outcome.FAIL) {
        failed++;
      } else if (m.outcome() == Outcome.INCONCLUSIVE) {
        inconclusive++;
      }
      if (failed > spec.failureLimit()) {
        return finish(started, done, Outcome.FAIL, failed + " failed measurement(s)");
      }
      if (inconclusive > spec.inconclusiveLimit()) {
        return finish(
            started, done, Outcome.INCONCLUSIVE, inconclusive + " inconclusive measurement(s)");
      }
    }
    return finish(started, done, Outcome.PASS, "passed");
  }

  private AnalysisRun finish(Instant started, List<Measurement> done, Outcome outcome, String why) {
    int failed = (int) done.stream().filter(m -> m.outcome() == Outcome.FAIL).count();
    int inconclusive = (int) done.stream().filter(m -> m.outcome() == Outcome.INCONCLUSIVE).count();
    String summary =
        String.format(
            "analysis %s: %s (%d of %d measurement(s) taken, %d failed (limit %d), %d"
                + " inconclusive (limit %d), every %s)",
            outcome.label(),
            why,
            done.size(),
            spec.count(),
            failed,
            spec.failureLimit(),
            inconclusive,
            spec.inconclusiveLimit(),
            oasis.core.Durations.seconds(spec.interval()));
    return new AnalysisRun(started, clock.instant(), outcome, done, summary);
  }

  private Measurement measure(int index, List<String> components, BooleanSupplier stop)
      throws InterruptedException {
    Instant from = clock.instant();
    long cost = 0;
    long t0 = System.nanoTime();
    Map<String, Snapshot> before = snapshots(components);
    cost += System.nanoTime() - t0;
    Map<String, List<Double>> queryValues = new HashMap<>();
    List<Condition> queries =
        spec.conditions().stream().filter(c -> c.kind() == Condition.Kind.QUERY).toList();
    int ticks = queries.isEmpty() ? 1 : 5;
    Duration tick = spec.interval().dividedBy(ticks);
    for (int t = 0; t < ticks; t++) {
      if (stop.getAsBoolean()) {
        return null;
      }
      sleeper.sleep(tick);
      long q0 = System.nanoTime();
      for (Condition c : queries) {
        if (!source.supportsQueries()) {
          continue;
        }
        for (String comp : applicable(c, components)) {
          for (String track : List.of(canaryTrack, stableTrack)) {
            OptionalDouble v = source.query(comp, track, c.query());
            if (v.isPresent()) {
              queryValues
                  .computeIfAbsent(key(c, comp, track), k -> new ArrayList<>())
                  .add(v.getAsDouble());
            }
          }
        }
      }
      cost += System.nanoTime() - q0;
    }
    if (stop.getAsBoolean()) {
      return null;
    }
    long t1 = System.nanoTime();
    Map<String, Snapshot> after = snapshots(components);
    List<Verdict> verdicts = new ArrayList<>();
    for (Condition c : spec.conditions()) {
      for (String comp : applicable(c, components)) {
        Verdict v =
            c.kind() == Condition.Kind.QUERY
                ? queryVerdict(c, comp, queryValues)
                : counterVerdict(
                    c,
                    comp,
                    after.get(comp + "/" + canaryTrack).minus(before.get(comp + "/" + canaryTrack)),
                    after
                        .get(comp + "/" + stableTrack)
                        .minus(before.get(comp + "/" + stableTrack)));
        if (v != null) {
          verdicts.add(v);
        }
      }
    }
    cost += System.nanoTime() - t1;
    Outcome outcome =
        verdicts.isEmpty()
            ? Outcome.INCONCLUSIVE
            : verdicts.stream().map(Verdict::outcome).reduce(Outcome.PASS, Outcome::worst);
    return new Measurement(index, from, clock.instant(), outcome, verdicts, cost / 1_000_000);
  }

  private List<String> applicable(Condition c, List<String> components) {
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
   * Error rate and latency from the interval's counters; null when neither track had a call (the
   * component serves no calls, e.g. a Kafka consumer) and the condition names no component.
   */
  Verdict counterVerdict(Condition c, String comp, Snapshot canary, Snapshot stable) {
    double canaryCalls = canary.sum(CALLS + "_count", c.calls());
    double stableCalls = stable.sum(CALLS + "_count", c.calls());
    if (canaryCalls == 0 && stableCalls == 0 && c.component() == null) {
      return null;
    }
    if (c.kind() == Condition.Kind.ERROR_RATE) {
      double canaryErrors = canary.sum(ERRORS, c.calls());
      double stableErrors = stable.sum(ERRORS, c.calls());
      return judge.judge(
          c,
          comp,
          binary(canaryErrors, canaryCalls),
          binary(stableErrors, stableCalls),
          canaryCalls == 0 ? Double.NaN : canaryErrors / canaryCalls,
          stableCalls == 0 ? Double.NaN : stableErrors / stableCalls);
    }
    var cb = canary.buckets(CALLS, c.calls());
    var sb = stable.buckets(CALLS, c.calls());
    return judge.judge(
        c,
        comp,
        Histograms.observations(cb),
        Histograms.observations(sb),
        Histograms.quantile(c.quantile(), cb),
        Histograms.quantile(c.quantile(), sb));
  }

  private Verdict queryVerdict(Condition c, String comp, Map<String, List<Double>> values) {
    if (!source.supportsQueries()) {
      return new Verdict(
          c.name(),
          comp,
          Outcome.INCONCLUSIVE,
          0,
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          spec.alpha(),
          c.max(),
          c.maxDelta(),
          c.name()
              + " of "
              + comp
              + ": inconclusive: a custom query needs a Prometheus server (set analysis"
              + " prometheus url in oasis.yaml); metrics are read from "
              + source.describe());
    }
    double[] canary = toArray(values.get(key(c, comp, canaryTrack)));
    double[] stable = toArray(values.get(key(c, comp, stableTrack)));
    return judge.judge(c, comp, canary, stable, median(canary), median(stable));
  }

  private static String key(Condition c, String comp, String track) {
    return c.name() + "/" + comp + "/" + track;
  }

  /** {@code errors} ones and {@code calls - errors} zeros. */
  static double[] binary(double errors, double calls) {
    int n = (int) Math.round(calls);
    int e = (int) Math.min(n, Math.round(errors));
    double[] out = new double[n];
    java.util.Arrays.fill(out, 0, e, 1.0);
    return out;
  }

  private static double[] toArray(List<Double> list) {
    return list == null ? new double[0] : list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
