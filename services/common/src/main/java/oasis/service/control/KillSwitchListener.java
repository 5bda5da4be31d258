package oasis.service.control;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import oasis.control.v1.ControlCommand;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link KillSwitch} from the control topic. Every instance reads every partition from the
 * beginning (no consumer group), so one that starts after a kill is engaged at once; the switch
 * keeps the latest command by issued_at. A broker that is away does not end the loop.
 */
public final class KillSwitchListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(KillSwitchListener.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final KillSwitch killSwitch;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Reads {@code topic} with {@code consumer} into {@code killSwitch}. */
  public KillSwitchListener(
      Consumer<String, byte[]> consumer, String topic, KillSwitch killSwitch) {
    this.consumer = consumer;
    this.topic = topic;
    this.killSwitch = killSwitch;
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
          for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            try {
              killSwitch.apply(ControlCommand.parseFrom(record.value()));
            } catch (InvalidProtocolBufferException e) {
              LOG.warn("skipping a record that is not a ControlCommand at {}", record.offset());
            }
          }
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          LOG.warn("reading control commands failed, trying again: {}", e.toString());
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
