package oasis.risk;

import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;

/**
 * Derives positions and working orders from the order manager's execution reports: each report that
 * carries a fill moves its symbol's position once per (order id, fill id), however often the report
 * is delivered (the outbox publishes at least once) or replayed; a report of a final status closes
 * its order. Every instance reads every partition from the beginning (no consumer group), so a
 * restarted risk engine rebuilds its positions, and two engines (stable, canary) both see every
 * fill. A broker that is away does not end the loop.
 */
public final class ExecutionReportListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionReportListener.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final PositionBook book;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile boolean caughtUp;

  /** Reads {@code topic} with {@code consumer} into {@code book}. */
  public ExecutionReportListener(
      Consumer<String, byte[]> consumer, String topic, PositionBook book) {
    this.consumer = consumer;
    this.topic = topic;
    this.book = book;
  }

  /**
   * The key a fill is counted under, the same whether it comes from a report or from the order
   * manager's answer.
   */
  static String fillKey(String orderId, String fillId) {
    return orderId + "/" + fillId;
  }

  /** Applies one report to {@code book}. */
  static void apply(ExecutionReport report, PositionBook book) {
    if (!report.getFillId().isEmpty() && !report.getLastQuantity().isEmpty()) {
      BigDecimal quantity = new BigDecimal(report.getLastQuantity());
      if (quantity.signum() > 0) {
        book.applyFill(
            fillKey(report.getOrderId(), report.getFillId()),
            report.getSymbol(),
            "SELL".equalsIgnoreCase(report.getSide()) ? quantity.negate() : quantity);
      }
    }
    switch (report.getStatus()) {
      case FILLED, CANCELED, REJECTED -> book.orderClosed(report.getClientOrderId());
      default -> {}
    }
  }

  @Override
  public void run() {
    try {
      boolean assigned = false;
      while (running.get()) {
        try {
          if (!assigned) {
            assigned = assign();
            continue;
          }
          var records = consumer.poll(POLL);
          for (ConsumerRecord<String, byte[]> record : records) {
            try {
              apply(ExecutionReport.parseFrom(record.value()), book);
            } catch (InvalidProtocolBufferException e) {
              LOG.warn("skipping a record that is not an ExecutionReport at {}", record.offset());
            }
          }
          if (!caughtUp && records.isEmpty()) {
            caughtUp = true;
            LOG.info("execution reports read up to date: positions rebuilt from {}", topic);
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // A broker or Redis that is away: the same records are read again (position kept).
          LOG.warn("reading execution reports failed, trying again: {}", e.toString());
          assigned = false;
          pause();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos == null || infos.isEmpty()) {
      pause();
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /** Ends the loop. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }
}
