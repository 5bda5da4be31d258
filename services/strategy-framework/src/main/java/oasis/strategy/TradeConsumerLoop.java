package oasis.strategy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import oasis.marketdata.MarketDataEvent;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the normalized topic in the strategy consumer group and feeds each trade to the dispatcher;
 * offsets are committed after a batch is processed (at-least-once).
 */
public final class TradeConsumerLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TradeConsumerLoop.class);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final String symbol;
  private final SignalDispatcher dispatcher;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /**
   * Feeds {@code topic} to {@code dispatcher}; only {@code symbol}'s trades when it is not empty.
   */
  public TradeConsumerLoop(
      Consumer<String, byte[]> consumer, String topic, String symbol, SignalDispatcher dispatcher) {
    this.consumer = consumer;
    this.topic = topic;
    this.symbol = symbol;
    this.dispatcher = dispatcher;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running.get()) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      try {
        consumer.commitSync(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("final offset commit failed: {}", e.toString());
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * One poll and its trades. A Kafka error (the broker away for minutes, a fenced or rebalanced
   * member) is logged and the poll tried again after a pause: only {@link #stop} ends the loop.
   */
  private void pollOnce() {
    try {
      ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(250));
      for (ConsumerRecord<String, byte[]> record : records) {
        handle(record);
      }
      if (!records.isEmpty()) {
        commit();
      }
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("reading trades failed, polling again in 1 s: {}", e.toString());
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /**
   * Commits what was processed. A commit that times out or may be retried (the broker restarting, a
   * rebalance) is logged and left to the next batch's commit, which covers these offsets too: the
   * loop must outlive a broker restart, or the service stays unready for good.
   */
  private void commit() {
    try {
      consumer.commitSync(Duration.ofSeconds(5));
    } catch (RetriableException | RebalanceInProgressException | CommitFailedException e) {
      LOG.warn("offset commit failed, the next batch commits again: {}", e.toString());
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    try {
      Trade.from(MarketDataEvent.parseFrom(record.value()))
          .filter(t -> symbol.isEmpty() || symbol.equals(t.symbol()))
          .ifPresent(dispatcher::onTrade);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("skipping a record that is not a MarketDataEvent at offset {}", record.offset());
    }
  }

  /** Stops the loop; offsets are committed and the consumer closed on its own thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }
}
