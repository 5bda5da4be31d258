package oasis.service;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The service's Prometheus metrics: every metric made here carries the {@code version} and {@code
 * track} labels of the release the process runs.
 */
public final class ServiceMetrics {
  /** Latency buckets in seconds, from half a millisecond to ten seconds. */
  public static final double[] LATENCY_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Labels constLabels;

  /** Metrics labelled with this release's version and track. */
  public ServiceMetrics(String version, String track) {
    this.constLabels = Labels.of("version", version, "track", track);
  }

  /** A counter; Prometheus names it {@code <name>} with the {@code _total} suffix. */
  public Counter counter(String name, String help, String... labelNames) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .constLabels(constLabels)
        .register(registry);
  }

  /** A latency histogram in seconds with {@link #LATENCY_BUCKETS}. */
  public Histogram latency(String name, String help, String... labelNames) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS)
        .constLabels(constLabels)
        .register(registry);
  }

  /** A gauge. */
  public Gauge gauge(String name, String help, String... labelNames) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .constLabels(constLabels)
        .register(registry);
  }

  /** An info metric (value 1, the facts in its labels); {@code name} ends in {@code _info}. */
  public Info info(String name, String help, String... labelNames) {
    return Info.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .constLabels(constLabels)
        .register(registry);
  }

  /** The registry, for metric kinds this class does not make. Add the version/track labels. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The content type of {@link #writeText}. */
  public static String textContentType() {
    return TEXT.getContentType();
  }

  /** Writes every metric in the Prometheus text format. */
  public void writeText(OutputStream out) throws IOException {
    TEXT.write(out, registry.scrape());
  }

  /** Every metric in the Prometheus text format, as a string. */
  public String scrapeText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeText(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
