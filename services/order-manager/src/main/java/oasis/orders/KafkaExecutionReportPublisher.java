package oasis.orders;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;

/**
 * Sends execution reports to a Kafka topic, keyed by order id so one order's reports stay in order.
 * Sends go through one background thread with a bounded queue: a slow or absent broker never holds
 * up an order, and a full queue is counted as a publish error.
 */
public final class KafkaExecutionReportPublisher
    implements ExecutionReportPublisher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaExecutionReportPublisher.class);
  private static final int QUEUE = 10_000;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final OrderMetrics metrics;
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "execution-report-sender");
            t.setDaemon(true);
            return t;
          });

  /** Publishes on {@code topic} with {@code producer}, counting failures in {@code metrics}. */
  public KafkaExecutionReportPublisher(
      Producer<String, byte[]> producer, String topic, OrderMetrics metrics) {
    this.producer = producer;
    this.topic = topic;
    this.metrics = metrics;
  }

  @Override
  public void publish(ExecutionReport report) {
    try {
      sender.execute(() -> send(report));
    } catch (RejectedExecutionException e) {
      metrics.reportError();
      LOG.warn("execution report for {} dropped: the send queue is full", report.getOrderId());
    }
  }

  private void send(ExecutionReport report) {
    try {
      producer.send(
          new ProducerRecord<>(topic, report.getOrderId(), report.toByteArray()),
          (metadata, error) -> {
            if (error != null) {
              failed(report, error);
            }
          });
    } catch (RuntimeException e) {
      failed(report, e);
    }
  }

  private void failed(ExecutionReport report, Exception error) {
    metrics.reportError();
    LOG.warn("execution report for {} not published: {}", report.getOrderId(), error.toString());
  }

  /** Sends what is queued (bounded wait), flushes and closes the producer. */
  @Override
  public void close() throws InterruptedException {
    sender.shutdown();
    if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
      LOG.warn("execution reports still queued at shutdown: {}", sender.getQueue().size());
      sender.shutdownNow();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
