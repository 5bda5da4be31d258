package oasis.risk;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one value out of a registry, for assertions on metrics. */
final class MetricsProbe {
  private MetricsProbe() {}

  /**
   * The value of {@code name} (counter, gauge, or histogram count) at the given labels, 0 if
   * absent.
   */
  static double value(PrometheusRegistry registry, String name, String... labels) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      String base = snapshot.getMetadata().getPrometheusName();
      if (!base.equals(name) && !(base + "_total").equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        boolean match = true;
        for (int i = 0; i < labels.length; i += 2) {
          match &= labels[i + 1].equals(point.getLabels().get(labels[i]));
        }
        if (!match) {
          continue;
        }
        if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
          return c.getValue();
        }
        if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
          return g.getValue();
        }
        if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot h) {
          return h.getCount();
        }
      }
    }
    return 0;
  }
}
