package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

  @Test
  void everyMetricCarriesVersionAndTrack() {
    ServiceMetrics metrics = new ServiceMetrics("1.2.3", "canary");
    metrics.counter("connector_ws_messages_total", "Messages.", "type").labelValues("match").inc();
    metrics.latency("normalizer_processing_latency_seconds", "Latency.").observe(0.003);

    String text = metrics.scrapeText();

    assertThat(text)
        .contains(
            "connector_ws_messages_total{track=\"canary\",type=\"match\",version=\"1.2.3\"} 1.0")
        .contains(
            "normalizer_processing_latency_seconds_bucket{track=\"canary\",version=\"1.2.3\",le=\"0.005\"} 1")
        .contains(
            "normalizer_processing_latency_seconds_count{track=\"canary\",version=\"1.2.3\"} 1");
  }
}
