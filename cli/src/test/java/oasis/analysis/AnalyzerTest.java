package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

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

    @Override
    public Snapshot snapshot(String component, String track, List<String> metrics) {
      double[] c = counters.getOrDefault(component + "/" + track, new double[4]);
      Map<String, String> l =
          Map.of("method", "trading.OrderExecutor/ExecuteOrder", "track", track);
      Map<String, String> health = Map.of("method", "grpc.health.v1.Health/Check", "track", track);
      List<Sample> s = new ArrayList<>();
      s.add(new Sample("grpc_server_handling_seconds_count", l, c[0]));
      s.add(new Sample("grpc_server_handling_seconds_count", health, c[0] * 10 + 5));
      s.add(new Sample("grpc_server_errors_total", l, c[1]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "0.005"), c[2]));
      s.add(new Sample("grpc_server_handling_seconds_bucket", with(l, "le", "0.25"), c[2] + c[3]));
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
  final List<Measurement> seen = new ArrayList<>();

  AnalysisRun run(List<Condition> conditions, int count, int failureLimit, String... components)
      throws InterruptedException {
    AnalysisSpec spec =
        new AnalysisSpec(conditions, Duration.ofSeconds(5), count, failureLimit, 1, 20, 0.05);
    return new Analyzer(source, spec, "stable", "canary", Clock.systemUTC(), d -> source.tick())
        .run(List.of(components), seen::add, () -> false);
  }

  static Condition errorRate() {
    return new Condition(null, Condition.Kind.ERROR_RATE, null, null, 0.05, null, null);
  }

  static Condition p95() {
    return new Condition(null, Condition.Kind.LATENCY_P95, null, null, 0.1, null, null);
  }

  @Test
  void aHealthyCanaryPassesEveryMeasurement() throws Exception {
    source.traffic("order-manager", "canary", 40, 0, 0);
    source.traffic("order-manager", "stable", 160, 1, 0);
    AnalysisRun r = run(List.of(errorRate(), p95()), 3, 1, "order-manager");
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.PASS);
    assertThat(r.measurements()).hasSize(3);
    assertThat(seen).hasSize(3);
    Verdict v = r.measurements().get(0).verdicts().get(0);
    assertThat(v.canarySamples()).as("health checks do not count").isEqualTo(40);
    assertThat(v.stableSamples()).isEqualTo(160);
  }

  @Test
  void aFaultyCanaryFailsAsSoonAsTheFailureLimitIsPassed() throws Exception {
    source.traffic("order-manager", "canary", 40, 12, 0);
    source.traffic("order-manager", "stable", 160, 0, 0);
    AnalysisRun r = run(List.of(errorRate()), 5, 1, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.measurements()).as("stops after 2 failures").hasSize(2);
    assertThat(r.summary()).contains("analysis fail", "2 failed (limit 1)");
    assertThat(r.measurements().get(0).verdicts().get(0).canaryValue()).isEqualTo(0.3);
  }

  @Test
  void aSlowCanaryFailsTheLatencyCondition() throws Exception {
    source.traffic("order-manager", "canary", 40, 0, 40);
    source.traffic("order-manager", "stable", 160, 0, 0);
    AnalysisRun r = run(List.of(errorRate(), p95()), 3, 0, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
    Verdict latency = r.measurements().get(0).verdicts().get(1);
    assertThat(latency.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(latency.explanation()).contains("above max 0.1 s");
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusive() throws Exception {
    source.traffic("order-manager", "canary", 0, 0, 0);
    source.traffic("order-manager", "stable", 200, 0, 0);
    AnalysisRun r = run(List.of(errorRate()), 3, 1, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.measurements().get(0).verdicts().get(0).explanation())
        .contains("0 observation(s)");
  }

  @Test
  void aComponentThatServesNoCallsIsNotJudgedButNothingJudgedIsInconclusive() throws Exception {
    source.traffic("order-manager", "canary", 40, 0, 0);
    source.traffic("order-manager", "stable", 160, 0, 0);
    AnalysisRun r = run(List.of(errorRate()), 2, 0, "order-manager", "data-normalizer");
    assertThat(r.outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.measurements().get(0).verdicts())
        .extracting(Verdict::component)
        .containsExactly("order-manager");
    seen.clear();
    AnalysisRun none = run(List.of(errorRate()), 2, 0, "data-normalizer");
    assertThat(none.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
  }

  @Test
  void aCustomQueryWithoutPrometheusIsInconclusiveAndSaysWhy() throws Exception {
    source.traffic("order-manager", "canary", 40, 0, 0);
    Condition q =
        new Condition(
            "fills", Condition.Kind.QUERY, null, null, 1.0, null, "sum(x{track=\"$track\"})");
    AnalysisRun r = run(List.of(q), 2, 0, "order-manager");
    assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.measurements().get(0).verdicts().get(0).explanation())
        .contains("needs a Prometheus server");
  }
}
