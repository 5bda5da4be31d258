package oasis.strategy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import oasis.control.v1.ControlCommand;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code control.commands}. Every instance reads every partition from the beginning (no
 * consumer group), so a restarted or newly scaled instance rebuilds the same strategy state.
 */
public final class ControlCommandLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlCommandLoop.class);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final SignalDispatcher dispatcher;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Applies the commands on {@code topic} through {@code dispatcher}. */
  public ControlCommandLoop(
      Consumer<String, byte[]> consumer, String topic, SignalDispatcher dispatcher) {
    this.consumer = consumer;
    this.topic = topic;
    this.dispatcher = dispatcher;
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = partitions();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          try {
            dispatcher.onCommand(ControlCommand.parseFrom(record.value()));
          } catch (InvalidProtocolBufferException e) {
            LOG.warn(
                "skipping a record that is not a ControlCommand at offset {}", record.offset());
          }
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

  private List<TopicPartition> partitions() {
    while (running.get()) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        }
        LOG.info("topic {} has no partitions yet; asking again", topic);
        Thread.sleep(1000);
      } catch (TimeoutException e) {
        LOG.warn("no answer from Kafka about topic {} within 10 s; asking again", topic);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  /** Stops the loop; the consumer closes on its own thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }
}
