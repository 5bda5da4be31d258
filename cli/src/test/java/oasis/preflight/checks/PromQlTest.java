package oasis.preflight.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void metricNamesSkipFunctionsLabelsRangesVariablesAndKeywords() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, job) (rate(a_bucket{job=~\"x|y\"}[$__rate_interval])))"
                    + " > 1e-3 and on (job) b offset 5m unless c_total / ignoring(x) d"))
        .containsExactly("a_bucket", "b", "c_total", "d");
  }

  @Test
  void subqueriesAndBoolComparisonsKeepTheMetric() {
    assertThat(PromQl.metricNames("sum_over_time((up == bool 0)[45s:15s]) >= 3"))
        .containsExactly("up");
  }
}
