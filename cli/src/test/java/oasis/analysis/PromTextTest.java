package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {

  @Test
  void readsNamesLabelsValuesAndSkipsComments() {
    List<Sample> s =
        PromText.parse(
            """
            # HELP grpc_server_errors_total Calls that failed.
            # TYPE grpc_server_errors_total counter
            grpc_server_errors_total{code="UNAVAILABLE",method="trading.OrderExecutor/ExecuteOrder",track="canary",version="1.2.0"} 7.0
            grpc_server_handling_seconds_bucket{le="+Inf",track="stable"} 12 1700000000000
            jvm_threads_live 31
            weird{msg="a \\"quoted\\" \\\\ back\\nline",} NaN
            """);
    assertThat(s).hasSize(4);
    assertThat(s.get(0).name()).isEqualTo("grpc_server_errors_total");
    assertThat(s.get(0).labels())
        .containsEntry("code", "UNAVAILABLE")
        .containsEntry("method", "trading.OrderExecutor/ExecuteOrder")
        .containsEntry("track", "canary");
    assertThat(s.get(0).value()).isEqualTo(7.0);
    assertThat(s.get(1).label("le")).isEqualTo("+Inf");
    assertThat(s.get(1).value()).as("timestamp ignored").isEqualTo(12);
    assertThat(s.get(2).labels()).isEmpty();
    assertThat(s.get(3).labels()).isEqualTo(Map.of("msg", "a \"quoted\" \\ back\nline"));
    assertThat(s.get(3).value()).isNaN();
  }

  @Test
  void aMalformedLineFailsWithItsNumber() {
    assertThatThrownBy(() -> PromText.parse("ok 1\nbad{a=\"x\" 2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> PromText.parse("novalue\n")).hasMessageContaining("no value");
    assertThatThrownBy(() -> PromText.parse("m{a=x} 1\n")).hasMessageContaining("not quoted");
  }

  @Test
  void sumsHistogramBucketsOverLabelsAndFiltersByMatchers() {
    String text =
        """
        # TYPE grpc_server_handling_seconds histogram
        grpc_server_handling_seconds_bucket{code="OK",method="a/B",track="canary",version="2",le="0.005"} 3
        grpc_server_handling_seconds_bucket{code="OK",method="a/B",track="canary",version="2",le="+Inf"} 4
        grpc_server_handling_seconds_bucket{code="UNAVAILABLE",method="a/B",track="canary",version="2",le="0.005"} 1
        grpc_server_handling_seconds_bucket{code="UNAVAILABLE",method="a/B",track="canary",version="2",le="+Inf"} 1
        grpc_server_handling_seconds_bucket{code="OK",method="grpc.health.v1.Health/Check",track="canary",version="2",le="0.005"} 50
        grpc_server_handling_seconds_bucket{code="OK",method="grpc.health.v1.Health/Check",track="canary",version="2",le="+Inf"} 50
        grpc_server_handling_seconds_count{code="OK",method="a/B",track="canary",version="2"} 4
        """;
    Snapshot snap = new Snapshot(java.time.Instant.EPOCH, PromText.parse(text));
    List<LabelMatcher> calls =
        new Condition("e", Condition.Kind.ERROR_RATE, null, null, null, null, null).calls();
    assertThat(snap.buckets("grpc_server_handling_seconds", calls))
        .containsEntry(0.005, 4.0)
        .containsEntry(Double.POSITIVE_INFINITY, 5.0)
        .hasSize(2);
    assertThat(snap.sum("grpc_server_handling_seconds_count", calls)).isEqualTo(4);
  }

  @Test
  void aDifferenceOfSnapshotsCountsWhatHappenedInBetweenAndSurvivesARestart() {
    Snapshot before =
        new Snapshot(java.time.Instant.EPOCH, PromText.parse("c{a=\"1\"} 10\nd 50\n"));
    Snapshot after =
        new Snapshot(java.time.Instant.EPOCH, PromText.parse("c{a=\"1\"} 14\nd 5\ne 2\n"));
    Snapshot delta = after.minus(before);
    assertThat(delta.sum("c", List.of())).isEqualTo(4);
    assertThat(delta.sum("d", List.of())).as("restarted: counts from zero").isEqualTo(5);
    assertThat(delta.sum("e", List.of())).as("new series").isEqualTo(2);
  }
}
