package oasis.normalizer;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import oasis.service.ServiceMetrics;

/** The normalizer's metrics, named as the operations guide names them. */
final class NormalizerMetrics {
  final Counter processed;
  final Histogram latency;
  final Counter deadLetters;
  final Counter publishErrors;
  final Counter duplicates;

  NormalizerMetrics(ServiceMetrics metrics) {
    processed =
        metrics.counter(
            "normalizer_messages_processed_total",
            "Raw messages handled and acknowledged by Kafka, by outcome (normalized|deadletter).",
            "outcome");
    latency =
        metrics.latency(
            "normalizer_processing_latency_seconds",
            "From poll to the output acknowledged by Kafka, per message.");
    deadLetters =
        metrics.counter(
            "normalizer_deadletter_total",
            "Messages sent to the dead-letter topic, by reason code.",
            "reason");
    publishErrors =
        metrics.counter(
            "normalizer_publish_errors_total", "Outputs Kafka did not accept (batch retried).");
    duplicates =
        metrics.counter(
            "normalizer_duplicate_trades_total",
            "Raw trades not normalized again: their (product, trade id) was already published.");
  }
}
