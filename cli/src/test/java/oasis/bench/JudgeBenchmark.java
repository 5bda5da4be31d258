package oasis.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import oasis.analysis.AnalysisRun;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Analyzer;
import oasis.analysis.Condition;
import oasis.analysis.Histograms;
import oasis.analysis.Judge;
import oasis.analysis.MetricSource;
import oasis.analysis.Outcome;
import oasis.analysis.Sample;
import oasis.analysis.Snapshot;
import oasis.analysis.Verdict;

/**
 * Benchmark (not a test): simulated canaries with known error rates and latency shifts, judged by
 * the old fixed-window judge (3 windows of 5 s, at least 20 calls each, Mann-Whitney U, one failed
 * window tolerated) and by the sequential {@link Analyzer} that oasis runs now (counters read every
 * second for up to the same 15 s), on the conditions of this repository's staging (error rate at
 * most 5%, p95 at most 0.25 s). Calls arrive as Poisson processes; each fails with the track's
 * error rate; latencies are log-normal around 4 ms (plus the canary's shift), counted in the
 * service kit's histogram buckets. Prints, per scenario and traffic level: how often the judge
 * failed the canary (detection; on a healthy canary, the false-abort rate), passed it, or could not
 * decide, and the median canary calls and seconds to a decision.
 *
 * <pre>
 * java -cp "cli/target/test-classes:cli/target/classes:cli/target/lib/*" \
 *     oasis.bench.JudgeBenchmark [--healthy-runs 2000] [--runs 300] [--seed 1] [--interval 1s]
 * </pre>
 */
public final class JudgeBenchmark {

  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };
  static final double ALPHA = 0.05;
  static final int WINDOWS = 3;
  static final Duration WINDOW = Duration.ofSeconds(5);

  /** How often the sequential judge reads the counters ({@code analysis.interval}; 1 s default). */
  static Duration interval = Duration.ofSeconds(1);

  static final double WEIGHT = 0.2;

  /** A canary's faults. */
  record Scenario(String name, double errorRate, double shiftSeconds) {
    boolean healthy() {
      return errorRate == 0 && shiftSeconds == 0;
    }
  }

  /** Calls a second to the component (split 20/80), plus analysis calls to each track. */
  record Traffic(String name, double organic, double analysis) {}

  /** What one judge decided on one run. */
  record Decision(Outcome outcome, long canaryCalls, double seconds) {}

  public static void main(String[] args) {
    int healthyRuns = 2000;
    int runs = 300;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--healthy-runs" -> healthyRuns = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--interval" -> interval = oasis.core.Durations.parse(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Scenario> scenarios =
        List.of(
            new Scenario("healthy", 0, 0),
            new Scenario("1% errors", 0.01, 0),
            new Scenario("5% errors", 0.05, 0),
            new Scenario("30% errors", 0.30, 0),
            new Scenario("+20 ms", 0, 0.020),
            new Scenario("+200 ms", 0, 0.200));
    List<Traffic> traffic =
        List.of(
            new Traffic("low (1 call/s)", 1, 0),
            new Traffic("low + analysis 10/s", 1, 10),
            new Traffic("medium (15 calls/s)", 15, 0),
            new Traffic("high (100 calls/s)", 100, 0));
    System.out.printf(
        Locale.ROOT,
        "canary at %.0f%% weight; stable's error rate 0.1%%; alpha %.2f; budget 15 s for both"
            + " judges; sequential reads every %s; %d healthy runs, %d runs otherwise%n%n",
        WEIGHT * 100,
        ALPHA,
        oasis.core.Durations.seconds(interval),
        healthyRuns,
        runs);
    System.out.printf(
        Locale.ROOT,
        "%-22s %-12s | %-40s | %-40s%n",
        "traffic",
        "canary",
        "old fixed-window: fail/pass/inconcl., calls, s",
        "sequential: fail/pass/inconcl., calls, s");
    SplittableRandom random = new SplittableRandom(seed);
    for (Traffic t : traffic) {
      for (Scenario s : scenarios) {
        int n = s.healthy() ? healthyRuns : runs;
        List<Decision> old = new ArrayList<>();
        List<Decision> seq = new ArrayList<>();
        for (int r = 0; r < n; r++) {
          old.add(fixedWindow(new Sim(s, t, random.split())));
          seq.add(sequential(new Sim(s, t, random.split())));
        }
        System.out.printf(
            Locale.ROOT, "%-22s %-12s | %-40s | %-40s%n", t.name(), s.name(), row(old), row(seq));
      }
      System.out.println();
    }
  }

  private static String row(List<Decision> ds) {
    double n = ds.size();
    long fail = ds.stream().filter(d -> d.outcome() == Outcome.FAIL).count();
    long pass = ds.stream().filter(d -> d.outcome() == Outcome.PASS).count();
    long open = ds.size() - fail - pass;
    List<Decision> decided = ds.stream().filter(d -> d.outcome() != Outcome.INCONCLUSIVE).toList();
    String calls =
        decided.isEmpty()
            ? "-"
            : String.valueOf(median(decided.stream().mapToDouble(Decision::canaryCalls).toArray()));
    String secs =
        decided.isEmpty()
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.0f",
                median(decided.stream().mapToDouble(Decision::seconds).toArray()));
    return String.format(
        Locale.ROOT,
        "%5.1f%% %5.1f%% %5.1f%%  %6s %4s",
        100 * fail / n,
        100 * pass / n,
        100 * open / n,
        calls,
        secs);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static List<Condition> conditions() {
    return List.of(
        new Condition(null, Condition.Kind.ERROR_RATE, null, null, 0.05, null, null),
        new Condition(null, Condition.Kind.LATENCY_P95, null, null, 0.25, null, null));
  }

  /** The judge oasis had: windows of fresh data, each judged by Mann-Whitney U. */
  static Decision fixedWindow(Sim sim) {
    Judge judge = new Judge(20, ALPHA);
    int failed = 0;
    int inconclusive = 0;
    long calls = 0;
    for (int w = 1; w <= WINDOWS; w++) {
      Snapshot c0 = sim.snapshot("canary");
      Snapshot s0 = sim.snapshot("stable");
      sim.advance(WINDOW);
      Snapshot c = sim.snapshot("canary").minus(c0);
      Snapshot s = sim.snapshot("stable").minus(s0);
      Outcome window = Outcome.PASS;
      for (Condition cond : conditions()) {
        window = window.worst(oldVerdict(judge, cond, c, s).outcome());
      }
      calls += Math.round(c.sum(Sim.COUNT, cond().calls()));
      if (window == Outcome.FAIL) {
        failed++;
      } else if (window == Outcome.INCONCLUSIVE) {
        inconclusive++;
      }
      double secs = w * WINDOW.toSeconds();
      if (failed > 1) {
        return new Decision(Outcome.FAIL, calls, secs);
      }
      if (inconclusive > 1) {
        return new Decision(Outcome.INCONCLUSIVE, calls, secs);
      }
    }
    return new Decision(Outcome.PASS, calls, WINDOWS * WINDOW.toSeconds());
  }

  private static Condition cond() {
    return conditions().get(0);
  }

  private static Verdict oldVerdict(Judge judge, Condition c, Snapshot canary, Snapshot stable) {
    double cc = canary.sum(Sim.COUNT, c.calls());
    double sc = stable.sum(Sim.COUNT, c.calls());
    if (c.kind() == Condition.Kind.ERROR_RATE) {
      double ce = canary.sum(Sim.ERRORS, c.calls());
      double se = stable.sum(Sim.ERRORS, c.calls());
      return judge.judge(
          c,
          "order-manager",
          Judge.binary(ce, cc),
          Judge.binary(se, sc),
          cc == 0 ? Double.NaN : ce / cc,
          sc == 0 ? Double.NaN : se / sc);
    }
    var cb = canary.buckets(Sim.BASE, c.calls());
    var sb = stable.buckets(Sim.BASE, c.calls());
    return judge.judge(
        c,
        "order-manager",
        Histograms.observations(cb),
        Histograms.observations(sb),
        Histograms.quantile(c.quantile(), cb),
        Histograms.quantile(c.quantile(), sb));
  }

  /** The judge oasis runs now, unchanged: the production {@link Analyzer}. */
  static Decision sequential(Sim sim) {
    AnalysisSpec spec =
        new AnalysisSpec(
            conditions(),
            interval,
            15,
            1,
            1,
            20,
            ALPHA,
            Duration.ofSeconds(15),
            AnalysisSpec.DEFAULT_TOLERANCE,
            null,
            null,
            null,
            0,
            false);
    Instant start = sim.clock.instant();
    long[] calls = {0};
    try {
      AnalysisRun run =
          new Analyzer(sim, spec, "stable", "canary", sim.clock, sim::advance)
              .run(
                  List.of("order-manager"),
                  m -> calls[0] = m.verdicts().isEmpty() ? 0 : m.verdicts().get(0).canarySamples(),
                  () -> false);
      double secs = Duration.between(start, run.finishedAt()).toMillis() / 1000.0;
      return new Decision(run.outcome(), calls[0], secs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Both tracks' counters, growing as simulated time passes. */
  static final class Sim implements MetricSource {
    static final String BASE = "grpc_server_handling_seconds";
    static final String COUNT = BASE + "_count";
    static final String ERRORS = "grpc_server_errors_total";
    private static final double STABLE_ERRORS = 0.001;
    private static final double MEDIAN = 0.004;
    private static final double SIGMA = 0.6;

    final SimClock clock = new SimClock();
    private final Scenario scenario;
    private final Traffic traffic;
    private final SplittableRandom random;
    private final Map<String, long[]> counts = new TreeMap<>(); // calls, errors, buckets...

    Sim(Scenario scenario, Traffic traffic, SplittableRandom random) {
      this.scenario = scenario;
      this.traffic = traffic;
      this.random = random;
      counts.put("canary", new long[2 + BUCKETS.length]);
      counts.put("stable", new long[2 + BUCKETS.length]);
      // stable has served a while before the canary starts: its history sets thresholds
      simulate("stable", traffic.organic() * 60 + 200, false);
    }

    void advance(Duration d) {
      double s = d.toMillis() / 1000.0;
      simulate("canary", s * (traffic.organic() * WEIGHT + traffic.analysis()), true);
      simulate("stable", s * (traffic.organic() * (1 - WEIGHT) + traffic.analysis()), false);
      clock.now = clock.now.plus(d);
    }

    private void simulate(String track, double mean, boolean canary) {
      long n = poisson(mean);
      long[] c = counts.get(track);
      double errors = canary ? scenario.errorRate() : STABLE_ERRORS;
      double shift = canary ? scenario.shiftSeconds() : 0;
      for (long i = 0; i < n; i++) {
        c[0]++;
        if (random.nextDouble() < errors) {
          c[1]++;
        }
        double latency = MEDIAN * Math.exp(SIGMA * gaussian()) + shift;
        for (int b = 0; b < BUCKETS.length; b++) {
          if (latency <= BUCKETS[b]) {
            c[2 + b]++;
          }
        }
      }
    }

    private double gaussian() {
      double u = 1 - random.nextDouble();
      double v = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private long poisson(double mean) {
      if (mean > 50) {
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
      }
      double l = Math.exp(-mean);
      long k = 0;
      double p = 1;
      do {
        k++;
        p *= random.nextDouble();
      } while (p > l);
      return k - 1;
    }

    Snapshot snapshot(String track) {
      return snapshot("order-manager", track, List.of());
    }

    @Override
    public Snapshot snapshot(String component, String track, List<String> metrics) {
      long[] c = counts.get(track);
      Map<String, String> l = Map.of("method", "trading.OrderExecutor/ExecuteOrder");
      List<Sample> s = new ArrayList<>();
      s.add(new Sample(COUNT, l, c[0]));
      s.add(new Sample(ERRORS, l, c[1]));
      for (int b = 0; b < BUCKETS.length; b++) {
        s.add(new Sample(BASE + "_bucket", le(l, Double.toString(BUCKETS[b])), c[2 + b]));
      }
      s.add(new Sample(BASE + "_bucket", le(l, "+Inf"), c[0]));
      return new Snapshot(clock.instant(), s);
    }

    private static Map<String, String> le(Map<String, String> l, String v) {
      Map<String, String> m = new TreeMap<>(l);
      m.put("le", v);
      return m;
    }

    @Override
    public OptionalDouble query(String component, String track, String promQl) {
      return OptionalDouble.empty();
    }

    @Override
    public boolean supportsQueries() {
      return false;
    }

    @Override
    public String describe() {
      return "simulation";
    }
  }

  /** Simulated time. */
  static final class SimClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
