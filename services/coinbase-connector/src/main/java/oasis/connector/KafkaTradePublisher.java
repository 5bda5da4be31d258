package oasis.connector;

import java.time.Duration;
import java.util.Properties;
import oasis.service.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes raw trades with an idempotent producer; failures are counted and logged. */
final class KafkaTradePublisher implements TradePublisher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTradePublisher.class);

  static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);
  private final Producer<String, String> producer;
  private final String topic;
  private final ConnectorMetrics metrics;

  KafkaTradePublisher(KafkaSettings kafka, String topic, ConnectorMetrics metrics) {
    Properties p = kafka.producer("coinbase-connector");
    // A trade the exchange will never send again waits out a broker outage of minutes in the
    // producer's buffer (32 MB: hours of trades) instead of expiring after the kit's 30 s.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.topic = topic;
    this.metrics = metrics;
  }

  @Override
  public void publish(String productId, String json) {
    try {
      producer.send(
          new ProducerRecord<>(topic, productId, json),
          (metadata, error) -> {
            if (error == null) {
              metrics.published.labelValues(productId).inc();
            } else {
              failed(productId, error);
            }
          });
    } catch (RuntimeException e) {
      failed(productId, e);
    }
  }

  private void failed(String productId, Exception error) {
    metrics.publishErrors.labelValues(productId).inc();
    LOG.warn("cannot publish a {} trade to {}: {}", productId, topic, error.toString());
  }

  /** Flushes what is pending and closes the producer. */
  @Override
  public void close() {
    producer.flush();
    producer.close();
  }
}
