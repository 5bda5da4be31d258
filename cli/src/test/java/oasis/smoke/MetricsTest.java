package oasis.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import oasis.analysis.Sample;
import org.junit.jupiter.api.Test;

class MetricsTest {

  /** As the service kit writes it (prometheus-metrics 1.4, text format 0.0.4). */
  static final String KIT =
      """
      # HELP grpc_server_errors_total gRPC calls that ended with a status other than OK, by method and status code.
      # TYPE grpc_server_errors_total counter
      grpc_server_errors_total{code="UNAVAILABLE",method="trading.contracts.OrderExecutor/ExecuteOrder",track="stable",version="1.2.0"} 5.0
      grpc_server_errors_total{code="NOT_FOUND",method="grpc.health.v1.Health/Check",track="stable",version="1.2.0"} 7.0
      # HELP grpc_server_handling_seconds Time from receiving a gRPC call to closing it.
      # TYPE grpc_server_handling_seconds histogram
      grpc_server_handling_seconds_bucket{code="OK",method="trading.contracts.OrderExecutor/ExecuteOrder",track="stable",version="1.2.0",le="0.005"} 3
      grpc_server_handling_seconds_bucket{code="OK",method="trading.contracts.OrderExecutor/ExecuteOrder",track="stable",version="1.2.0",le="+Inf"} 5
      grpc_server_handling_seconds_count{code="OK",method="trading.contracts.OrderExecutor/ExecuteOrder",track="stable",version="1.2.0"} 5
      grpc_server_handling_seconds_count{code="UNAVAILABLE",method="trading.contracts.OrderExecutor/ExecuteOrder",track="stable",version="1.2.0"} 5
      grpc_server_handling_seconds_count{code="OK",method="grpc.health.v1.Health/Check",track="stable",version="1.2.0"} 100
      # TYPE risk_dry_runs_total counter
      oasis_service_info{commit="abc",component="risk-engine",instance_id="a \\"quoted\\" id\\\\n",track="stable",version="1.2.0"} 1 1700000000000
      jvm_memory_used_bytes{area="heap",} 1.5E7
      process_start_time_seconds NaN
      """;

  @Test
  void parsesSamplesLabelsEscapesAndFamilies() {
    Metrics m = Metrics.parse(KIT);
    assertThat(m.has("risk_dry_runs")).as("declared by TYPE, no sample yet").isTrue();
    assertThat(m.has("risk_dry_runs_total")).isTrue();
    assertThat(m.has("order_submit_errors_total")).isFalse();
    assertThat(m.has("grpc_server_handling_seconds")).isTrue();
    Sample info =
        m.samples().stream().filter(s -> s.name().equals("oasis_service_info")).findFirst().get();
    assertThat(info.labels()).containsEntry("instance_id", "a \"quoted\" id\\n");
    assertThat(info.value()).isEqualTo(1.0);
    assertThat(m.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))).isEqualTo(1.5e7);
  }

  @Test
  void errorRateLeavesHealthAndOpsCallsOut() {
    Metrics m = Metrics.parse(KIT);
    assertThat(m.sum(ErrorRateCheck.ERRORS, ErrorRateCheck.OWN_METHODS)).isEqualTo(5.0);
    assertThat(m.sum(ErrorRateCheck.HANDLED, ErrorRateCheck.OWN_METHODS)).isEqualTo(10.0);
  }

  @Test
  void malformedLinesNameTheirNumber() {
    assertThatThrownBy(() -> Metrics.parse("ok 1\nbad{x=\"1\" 2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> Metrics.parse("x{a=1} 2")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> Metrics.parse("x one")).hasMessageContaining("line 1");
  }

  @Test
  void quantileInterpolatesLikeHistogramQuantile() {
    String text =
        """
        h_bucket{le="0.1"} 50
        h_bucket{le="0.2"} 90
        h_bucket{le="0.5"} 100
        h_bucket{le="+Inf"} 100
        """;
    Metrics.Histogram h = Metrics.parse(text).histogram("h", l -> true);
    assertThat(h.count()).isEqualTo(100);
    // rank 95 lies in (0.2, 0.5]: 5 of its 10 observations -> half way
    assertThat(h.quantile(0.95)).isCloseTo(0.35, within(1e-9));
    assertThat(h.quantile(0.5)).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void quantileInTheInfBucketIsTheHighestFiniteBound() {
    Metrics.Histogram h =
        Metrics.parse("h_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 10\n")
            .histogram("h", l -> true);
    assertThat(h.quantile(0.95)).isEqualTo(0.5);
  }

  @Test
  void windowSubtractsTheEarlierScrapeAndSumsLabelSets() {
    Metrics before =
        Metrics.parse(
            """
            h_bucket{code="OK",le="0.01"} 100
            h_bucket{code="OK",le="1"} 100
            h_bucket{code="OK",le="+Inf"} 100
            """);
    Metrics after =
        Metrics.parse(
            """
            h_bucket{code="OK",le="0.01"} 100
            h_bucket{code="OK",le="1"} 104
            h_bucket{code="OK",le="+Inf"} 104
            h_bucket{code="UNAVAILABLE",le="0.01"} 0
            h_bucket{code="UNAVAILABLE",le="1"} 1
            h_bucket{code="UNAVAILABLE",le="+Inf"} 1
            """);
    Metrics.Histogram window =
        after.histogram("h", l -> true).since(before.histogram("h", l -> true));
    assertThat(window.count()).isEqualTo(5);
    assertThat(window.quantile(0.95))
        .as("the slow calls of this run, not the fast history")
        .isGreaterThan(0.5);
    assertThat(after.histogram("h", l -> true).quantile(0.95)).isLessThan(0.01);
  }

  @Test
  void noObservationsGiveNaN() {
    assertThat(Metrics.empty().histogram("h", l -> true).quantile(0.95)).isNaN();
  }
}
