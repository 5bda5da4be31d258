package oasis.orders;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import trading.contracts.ExecutionReport;

/**
 * Sends execution reports to a Kafka topic, keyed by order id so one order's reports stay in order
 * on one partition; each send completes when the broker has acknowledged it (or failed).
 */
public final class KafkaReportSink implements ReportRelay.Sink, AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final String topic;

  /** Publishes on {@code topic} with {@code producer} (acks=all, idempotent: the kit's default). */
  public KafkaReportSink(Producer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  @Override
  public CompletableFuture<Void> send(ExecutionReport report) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, report.getOrderId(), report.toByteArray()),
          (metadata, error) -> {
            if (error != null) {
              acknowledged.completeExceptionally(error);
            } else {
              acknowledged.complete(null);
            }
          });
    } catch (RuntimeException e) {
      // No metadata within max.block.ms (the broker is away): the report stays in the outbox.
      acknowledged.completeExceptionally(e);
    }
    return acknowledged;
  }

  /** Flushes and closes the producer (bounded). */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
