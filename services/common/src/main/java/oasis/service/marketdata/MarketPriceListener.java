package oasis.service.marketdata;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import oasis.marketdata.MarketDataEvent;
import oasis.service.ServiceConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link LastPrices} current from the normalized topic. Every instance reads every partition
 * (no consumer group), starting from the last record of each, so a price is known at once when the
 * topic has one; its age counts from when the pipeline received the trade (the header's received
 * timestamp, else the record's), so an old last record is known to be old. A broker that is away
 * for minutes does not end the loop: each failure is logged and the read is tried again.
 */
public final class MarketPriceListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MarketPriceListener.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final LastPrices prices;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Reads {@code topic} with {@code consumer} into {@code prices}. */
  public MarketPriceListener(Consumer<String, byte[]> consumer, String topic, LastPrices prices) {
    this.consumer = consumer;
    this.topic = topic;
    this.prices = prices;
  }

  /**
   * Empty prices whose age bound is {@code MARKET_PRICE_MAX_AGE_MS} (default 30000): a price older
   * than that is not used for paper fills, notional or limits.
   */
  public static LastPrices prices(ServiceConfig config) {
    int maxAgeMs =
        config.integer(
            "MARKET_PRICE_MAX_AGE_MS", (int) LastPrices.DEFAULT_MAX_AGE.toMillis(), 1, 86_400_000);
    return new LastPrices(Clock.systemUTC(), Duration.ofMillis(maxAgeMs));
  }

  /** Applies one normalized event received now; false when it carries no usable trade price. */
  public static boolean apply(MarketDataEvent event, LastPrices prices) {
    return apply(event, Instant.now(), prices);
  }

  /**
   * Applies one normalized event whose record was written at {@code recordTime}; returns false when
   * it carries no usable trade price or is older than the price held.
   */
  public static boolean apply(MarketDataEvent event, Instant recordTime, LastPrices prices) {
    if (!event.hasTradeUpdate() || event.getHeader().getSymbol().isEmpty()) {
      return false;
    }
    try {
      BigDecimal price = positivePrice(event.getTradeUpdate().getPrice());
      return prices.update(
          event.getHeader().getSymbol(),
          price,
          event.getTradeUpdate().getTradeId(),
          receivedAt(event, recordTime));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Instant receivedAt(MarketDataEvent event, Instant recordTime) {
    Timestamp received = event.getHeader().getReceivedTimestamp();
    if (received.getSeconds() > 0) {
      return Instant.ofEpochSecond(received.getSeconds(), received.getNanos());
    }
    return recordTime;
  }

  @Override
  public void run() {
    try {
      assignFromLastRecord();
      while (running.get()) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // The loop must outlive a broker restart: a price listener that ended leaves prices
          // that only grow older.
          LOG.warn("reading market prices failed, trying again in 1 s: {}", e.toString());
          sleepQuietly();
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

  private void pollOnce() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
      try {
        apply(
            MarketDataEvent.parseFrom(record.value()),
            Instant.ofEpochMilli(Math.max(0, record.timestamp())),
            prices);
      } catch (InvalidProtocolBufferException e) {
        LOG.warn("skipping a record that is not a MarketDataEvent at {}", record.offset());
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /** Stops the loop; the consumer closes on its own thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }

  private void assignFromLastRecord() {
    List<TopicPartition> partitions;
    while (true) {
      List<org.apache.kafka.common.PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        infos = List.of();
        LOG.warn("no answer from Kafka about topic {} within 10 s; asking again", topic);
      }
      if (infos != null && !infos.isEmpty()) {
        partitions =
            infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        break;
      }
      if (!running.get()) {
        return;
      }
      LOG.info("topic {} has no partitions yet; asking again", topic);
      sleepQuietly();
    }
    consumer.assign(partitions);
    while (running.get()) {
      try {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
          consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - 1));
        }
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.warn("no answer from Kafka about the offsets of {}; asking again", topic);
      }
    }
  }

  /** A trade price must be a plain positive decimal string ("64250.12"): never a float. */
  private static BigDecimal positivePrice(String text) {
    if (text == null || !text.trim().matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          "price must be a plain decimal string such as 0.015, got '" + text + "'");
    }
    BigDecimal value = new BigDecimal(text.trim());
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("price must be greater than zero, got '" + text + "'");
    }
    return value;
  }
}
