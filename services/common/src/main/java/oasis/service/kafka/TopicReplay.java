package oasis.service.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic without a consumer group, so every instance (stable and canary
 * alike) sees every record, and hands each record to a handler. This is how a service keeps state
 * that is a function of a topic: the kill switch, the last market prices, positions from execution
 * reports.
 *
 * <p>A broker that is away, for seconds or minutes, does not end the loop: each failure is logged,
 * and after a pause the partitions are assigned again and the read starts over from its starting
 * point, which is safe because every handler applies a record idempotently. Only {@link #stop()}
 * ends it.
 */
public final class TopicReplay implements Runnable {
  /** Where each partition is read from when the loop (re)starts. */
  public enum From {
    /** The first record: state rebuilt from the whole topic. */
    BEGINNING,
    /** The last record: only the latest value matters, and it is known at once. */
    LAST_RECORD
  }

  /** Applies one record; a record that does not parse is skipped with a warning. */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(TopicReplay.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
  private static final long RETRY_MS = 1000;

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final From from;
  private final String what;
  private final RecordHandler handler;
  private final Runnable caughtUp;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /**
   * Reads {@code topic} with {@code consumer} from {@code from}; {@code what} names the records in
   * logs ("control commands"); {@code caughtUp} runs once, at the first poll that finds nothing
   * more to read.
   */
  public TopicReplay(
      Consumer<String, byte[]> consumer,
      String topic,
      From from,
      String what,
      RecordHandler handler,
      Runnable caughtUp) {
    this.consumer = consumer;
    this.topic = topic;
    this.from = from;
    this.what = what;
    this.handler = handler;
    this.caughtUp = caughtUp;
  }

  @Override
  public void run() {
    try {
      boolean assigned = false;
      boolean upToDate = false;
      while (running.get()) {
        try {
          if (!assigned) {
            assigned = assign();
            if (!assigned) {
              pause();
            }
            continue;
          }
          ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
          records.forEach(this::handle);
          if (!upToDate && records.isEmpty()) {
            upToDate = true;
            caughtUp.run();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.warn("reading {} from {} failed, trying again in 1 s: {}", what, topic, e.toString());
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

  /** Ends the loop; the consumer is closed on the loop's own thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    try {
      handler.handle(record);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn(
          "skipping a record of {} that is not one of {} at offset {}",
          topic,
          what,
          record.offset());
    }
  }

  private boolean assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
    if (infos == null || infos.isEmpty()) {
      LOG.info("topic {} has no partitions yet; asking again", topic);
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    if (from == From.BEGINNING) {
      consumer.seekToBeginning(partitions);
      return true;
    }
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - 1));
    }
    return true;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }
}
