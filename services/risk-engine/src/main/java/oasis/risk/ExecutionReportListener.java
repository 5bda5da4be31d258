package oasis.risk;

import java.math.BigDecimal;
import oasis.service.kafka.TopicReplay;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;

/**
 * Derives positions and working orders from the order manager's execution reports: each report that
 * carries a fill moves its symbol's position once per (order id, fill id), however often the report
 * is delivered (the outbox publishes at least once) or replayed; a report of a final status closes
 * its order. Every instance reads every partition from the beginning (no consumer group), so a
 * restarted risk engine rebuilds its positions, and two engines (stable, canary) both see every
 * fill. A broker or a Redis that is away does not end the loop: the topic is read again ({@link
 * TopicReplay}).
 */
public final class ExecutionReportListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionReportListener.class);

  private final TopicReplay replay;

  /** Reads {@code topic} with {@code consumer} into {@code book}. */
  public ExecutionReportListener(
      Consumer<String, byte[]> consumer, String topic, PositionBook book) {
    this.replay =
        new TopicReplay(
            consumer,
            topic,
            TopicReplay.From.BEGINNING,
            "execution reports",
            record -> apply(ExecutionReport.parseFrom(record.value()), book),
            () -> LOG.info("execution reports read up to date: positions rebuilt from {}", topic));
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
    replay.run();
  }

  /** Ends the loop. */
  public void stop() {
    replay.stop();
  }
}
