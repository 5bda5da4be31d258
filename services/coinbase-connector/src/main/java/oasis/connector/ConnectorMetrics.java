package oasis.connector;

import io.prometheus.metrics.core.metrics.Counter;
import oasis.service.ServiceMetrics;

/** The connector's counters, named as the operations guide names them. */
final class ConnectorMetrics {
  final Counter messages;
  final Counter published;
  final Counter publishErrors;
  final Counter reconnects;
  final Counter gaps;

  ConnectorMetrics(ServiceMetrics metrics) {
    messages =
        metrics.counter(
            "connector_ws_messages_total", "Feed messages received, by message type.", "type");
    published =
        metrics.counter(
            "connector_trades_published_total",
            "Trades acknowledged by Kafka, by product.",
            "product_id");
    publishErrors =
        metrics.counter(
            "connector_kafka_publish_errors_total", "Trades Kafka did not accept.", "product_id");
    reconnects =
        metrics.counter("connector_ws_reconnects_total", "Reconnections to the WebSocket feed.");
    gaps =
        metrics.counter(
            "connector_sequence_gaps_total",
            "Jumps in a product's sequence numbers (messages missed).",
            "product_id");
  }
}
