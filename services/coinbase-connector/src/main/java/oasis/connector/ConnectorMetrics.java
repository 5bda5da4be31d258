package oasis.connector;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import oasis.service.ServiceMetrics;

/** The connector's metrics, named as the operations guide names them. */
final class ConnectorMetrics {
  final Counter messages;
  final Counter published;
  final Counter publishErrors;
  final Counter reconnects;
  final Counter gaps;
  final Counter missed;
  final Counter dropped;
  final Counter late;
  final Counter resubscribes;
  final Gauge lastMessage;

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
            "connector_trade_gaps_total",
            "Holes in a product's trade_id numbering (trades that never came), one per hole.",
            "product_id");
    missed =
        metrics.counter(
            "connector_trades_missed_total",
            "Trades that never came, by product (the sizes of the gaps).",
            "product_id");
    dropped =
        metrics.counter(
            "connector_trades_dropped_total",
            "Trades not published, by product and reason (repeated: trade_id already published).",
            "product_id",
            "reason");
    late =
        metrics.counter(
            "connector_trades_out_of_order_total",
            "Trades that came after a higher trade_id of their product and were published.",
            "product_id");
    resubscribes =
        metrics.counter(
            "connector_resubscribes_total",
            "Products subscribed again after a gap or a silence.",
            "product_id");
    lastMessage =
        metrics.gauge(
            "connector_product_last_message_timestamp_seconds",
            "When a trade or heartbeat of the product last arrived (Unix seconds).",
            "product_id");
  }
}
