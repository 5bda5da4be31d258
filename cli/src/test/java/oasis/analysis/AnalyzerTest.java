package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The sequential analyzer on scripted counters and a clock that moves only when it waits. */
class AnalyzerTest {

  /** A clock the analyzer's waits move forward. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Counters of each component/track that grow by a traffic model whenever time passes. */
  static final class FakeSource implements MetricSource {
    final Map<String, double[]> counters = new HashMap<>(); // calls, errors, fast, slow
    final Map<String, double[]> perTick = new HashMap<>();

    void traffic(String comp, String track, double calls, double errors, double slow) {
      perTick.put(comp + "/" + track, new double[] {calls, errors, calls - slow, slow});
      counters.putIfAbsent(comp + "/" + track, new double[4]);
    }

    void tick() {
      perTick.forEach(
          (k, d) -> {
            double[] c = counters.get(k);
            for (int i = 0; i < 4; i++) {
              c[i] += d[i];
            }
          });
    }

    int failReads;
    double analysisShare; // of every track's calls, labelled traffic="analysis"

    @Override
    public Snapshot snapshot(String component, String track, List<String> metrics) {
      if (failReads > 0) {
        failReads--;
        throw oasis.core.OasisException.failed(
            "cannot scrape http://127.0.0.1:1/metrics: HTTP connect timed out", "Check it.");
      }
      double[] c = counters.getOrDefault(component + "/" + track, new double[4]);
      Map<String, String> l =
          Map.of("method", "trading.OrderExecutor/ExecuteOrder", "track", track);
      Map<String, String> health = Map.of("method", "grpc.health.v1.Health/Check", "track", track);
      List<Sample> s = new ArrayList<>();
      if (analysisShare > 0) {
        s.add(
            new Sample(
                "grpc_server_handling_seconds_count",
                with(l, "traffic", "organic"),
                c[0] * (1 - analysisShare)));
        s.add(
            new Sample(
                "grpc_server_handling_seconds_count",
                with(l, "traffic", "analysis"),
                c[0] * analysisShare));
      } else {
        s.add(new Sample("grpc_server_handling_seconds_count", l, c[0]));
      }
      s.add(new Sample("grpc_server_handling_seconds_count", health, c[0] * 10 + 5));
      s.add(new Sample("grpc_server_errors_total", l, c[1]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "0.005"), c[2]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "0.1"), c[2]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "0.5"), c[2] + c[3]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "+Inf"), c[0]));
      return new Snapshot(java.time.Instant.EPOCH, s);
    }

    private static Map<String, String> with(Map<String, String> l, String k, String v) {
      Map<String, String> m = new HashMap<>(l);
      m.put(k, v);
      return m;
    }

    @Override
    public OptionalDouble query(String component, String track, String promQl) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean supportsQueries() {
      return false;
    }

    @Override
    public String describe() {
      return "fake";
    }
  }

  final FakeSource source = new FakeSource();
  final StepClock clock = new StepClock();
  final List<Measurement> seen = new ArrayList<>();

  /** Reads every second for at most {@code budget} seconds, alpha 0.05, tolerance 0.05. */
  AnalysisRun run(List<Condition> conditions, int budget, String... components)
      throws InterruptedException {
    AnalysisSpec spec =
        new AnalysisSpec(
            conditions,
            Duration.ofSeconds(1),
            budget,
            0,
            0,
            20,
            0.05,
            null,
            0.05,
            null,
            null,
            null,
            0,
            false);
    return new Analyzer(
            source,
            spec,
            "stable",
            "canary",
            clock,
            d -> {
              clock.now = clock.now.plus(d);
              source.tick();
            })
        .run(List.of(components), seen::add, () -> false);
  }

  static Condition errorRate() {
    return new Condition(null, Condition.Kind.ERROR_RATE, null, null, 0.05, null, null);
  }

  static Condition p95() {
    return new Condition(null, Condition.Kind.LATENCY_P95, null, null, 0.1, null, null);
  }

  @Test
  void aHealthyCanaryPassesAsSoonAsItIsSignificantlyNotWorseAndNotBefore() throws Exception {
    source.traffic("order-manager", "canary", 10, 0, 0);
    source.traffic("order-manager", "stable", 40, 0, 0);
    AnalysisRun r = run(List.of(errorRate(), p95()), 120, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.PASS);
    assertThat(r.measurements()).as("decided before the budget").hasSizeLessThan(60);
    assertThat(seen).hasSize(r.measurements().size());
    Measurement beforeLast = r.measurements().get(r.measurements().size() - 2);
    assertThat(beforeLast.outcome()).isEqualTo(Outcome.UNDECIDED);
    Verdict v = r.measurements().get(0).verdicts().get(0);
    assertThat(v.canarySamples()).as("health checks do not count").isEqualTo(10);
    assertThat(v.stableSamples()).isEqualTo(40);
    Evidence e = r.measurements().get(r.measurements().size() - 1).verdicts().get(0).evidence();
    assertThat(e.upper()).isLessThanOrEqualTo(e.passBoundary());
    assertThat(e.decision()).isEqualTo(Outcome.PASS);
  }

  @Test
  void thirtyPercentErrorsAtOneCanaryCallASecondFailWithinTwentyCalls() throws Exception {
    source.traffic("order-manager", "canary", 1, 0, 0);
    source.traffic("order-manager", "stable", 4, 0, 0);
    // every third canary call fails, exactly 1 in 3 over time
    source.perTick.put("order-manager/canary", new double[] {1, 1.0 / 3, 1, 0});
    AnalysisRun r = run(List.of(errorRate()), 120, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.FAIL);
    Verdict v = r.measurements().get(r.measurements().size() - 1).verdicts().get(0);
    assertThat(v.canarySamples()).as(v.explanation()).isLessThanOrEqualTo(20);
    assertThat(v.explanation()).contains("fail", "significantly");
    assertThat(r.summary()).contains("analysis fail", "errorRate of order-manager");
    Evidence e = v.evidence();
    assertThat(e.lower() > e.failBoundary() || e.canaryLower() > 0.05).isTrue();
  }

  @Test
  void aCanaryTwoHundredMillisecondsSlowerFailsTheLatencyCondition() throws Exception {
    source.traffic("order-manager", "stable", 4, 0, 0);
    for (int i = 0; i < 10; i++) {
      source.tick(); // stable's history sets the threshold: its p95 plus maxDelta
    }
    source.traffic("order-manager", "canary", 1, 0, 1);
    AnalysisRun r = run(List.of(errorRate(), p95()), 120, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.FAIL);
    Verdict latency = r.measurements().get(r.measurements().size() - 1).verdicts().get(1);
    assertThat(latency.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(latency.explanation()).contains("slower than 0.1 s");
    assertThat(latency.canarySamples()).isLessThanOrEqualTo(10);
  }

  @Test
  void aReadThatTimesOutIsMissedNotFatalAndTheNextReadHasEveryCall() throws Exception {
    source.traffic("order-manager", "canary", 1, 0, 0);
    source.traffic("order-manager", "stable", 4, 0, 0);
    source.perTick.put("order-manager/canary", new double[] {1, 1.0 / 3, 1, 0});
    AnalysisSpec spec =
        new AnalysisSpec(
            List.of(errorRate()),
            Duration.ofSeconds(1),
            120,
            0,
            0,
            20,
            0.05,
            null,
            0.05,
            null,
            null,
            null,
            0,
            false);
    Analyzer a =
        new Analyzer(
            source,
            spec,
            "stable",
            "canary",
            clock,
            d -> {
              clock.now = clock.now.plus(d);
              source.tick();
              if (clock.now.getEpochSecond() % 5 == 0) {
                source.failReads = 1; // every fifth read fails
              }
            });
    AnalysisRun r = a.run(List.of("order-manager"), seen::add, () -> false);
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.FAIL);
    assertThat(r.summary()).contains("missed read(s)", "HTTP connect timed out");
  }

  @Test
  void aFirstReadThatTimesOutIsMissedAndTheAnalysisStartsFromTheNextOne() throws Exception {
    source.traffic("order-manager", "canary", 1, 0, 0);
    source.traffic("order-manager", "stable", 4, 0, 0);
    source.perTick.put("order-manager/canary", new double[] {1, 1.0 / 3, 1, 0});
    source.failReads = 2;
    AnalysisRun r = run(List.of(errorRate()), 120, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.FAIL);
    assertThat(r.summary()).contains("2 missed read(s)", "HTTP connect timed out");
  }

  @Test
  void noFirstReadWithinTheBudgetIsInconclusiveNotAnError() throws Exception {
    source.failReads = Integer.MAX_VALUE;
    AnalysisRun r = run(List.of(errorRate()), 5, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.summary()).contains("no first read within the budget", "connect timed out");
  }

  @Test
  void verdictsSayHowManyOfTheCanarysCallsWereAnalysisTraffic() throws Exception {
    source.traffic("order-manager", "canary", 4, 0, 0);
    source.traffic("order-manager", "stable", 4, 0, 0);
    source.analysisShare = 0.75;
    AnalysisRun r = run(List.of(errorRate()), 120, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.PASS);
    Verdict v = r.measurements().get(r.measurements().size() - 1).verdicts().get(0);
    assertThat(v.explanation())
        .contains((v.canarySamples() * 3 / 4) + " of the canary's " + v.canarySamples());
    assertThat(v.explanation()).contains("call(s) were analysis traffic");
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusiveWhenTheBudgetIsSpent() throws Exception {
    source.traffic("order-manager", "canary", 0, 0, 0);
    source.traffic("order-manager", "stable", 200, 0, 0);
    AnalysisRun r = run(List.of(errorRate()), 15, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.measurements()).as("one check a second for 15 s").hasSize(15);
    assertThat(r.measurements().get(0).verdicts().get(0).explanation())
        .contains("no canary call yet");
    assertThat(r.summary()).contains("no decision within the budget", "0 canary call(s)");
  }

  @Test
  void aComponentThatServesNoCallsIsNotJudgedButNothingJudgedIsInconclusive() throws Exception {
    source.traffic("order-manager", "canary", 10, 0, 0);
    source.traffic("order-manager", "stable", 40, 0, 0);
    AnalysisRun r = run(List.of(errorRate()), 120, "order-manager", "data-normalizer");
    assertThat(r.outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.measurements().get(0).verdicts())
        .extracting(Verdict::component)
        .containsExactly("order-manager");
    seen.clear();
    AnalysisRun none = run(List.of(errorRate()), 5, "data-normalizer");
    assertThat(none.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(none.summary()).contains("no calls on either track");
  }

  @Test
  void aCustomQueryWithoutPrometheusIsInconclusiveAndSaysWhy() throws Exception {
    source.traffic("order-manager", "canary", 40, 0, 0);
    Condition q =
        new Condition(
            "fills", Condition.Kind.QUERY, null, null, 1.0, null, "sum(x{track=\"$track\"})");
    AnalysisRun r = run(List.of(q), 2, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.measurements().get(0).verdicts().get(0).explanation())
        .contains("needs a Prometheus server");
  }
}
