package oasis.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay loop's own rules, on Kafka's in-memory consumer: where it starts, that a broker that
 * fails does not end it, that a record that does not parse is skipped. The listeners built on it
 * are tested against a real broker (BrokerOutageIT, KillSwitchIT, PositionsEqualFillsIT).
 */
class TopicReplayTest {
  private static final String TOPIC = "t";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger caughtUp = new AtomicInteger();
  private TopicReplay replay;
  private Thread loop;

  @AfterEach
  void stop() throws InterruptedException {
    if (replay != null) {
      replay.stop();
      loop.join(5000);
      assertThat(loop.isAlive()).as("the loop ends on stop()").isFalse();
      assertThat(consumer.closed()).as("the consumer is closed by the loop").isTrue();
    }
  }

  @Test
  void fromTheBeginningEveryRecordIsHandedOverThenCaughtUpRunsOnce() {
    topicWithRecords(3);
    start(TopicReplay.From.BEGINNING);
    await(() -> seen.size() == 3 && caughtUp.get() == 1);
    assertThat(seen).containsExactly("r0", "r1", "r2");
    consumer.schedulePollTask(() -> consumer.addRecord(record(3)));
    await(() -> seen.size() == 4);
    assertThat(caughtUp).hasValue(1);
  }

  @Test
  void fromTheLastRecordOnlyTheLatestIsHandedOver() {
    topicWithRecords(5);
    start(TopicReplay.From.LAST_RECORD);
    await(() -> caughtUp.get() == 1);
    assertThat(seen).containsExactly("r4");
  }

  @Test
  void aFailingBrokerDoesNotEndTheLoop() {
    topicWithRecords(2);
    start(TopicReplay.From.BEGINNING);
    await(() -> seen.size() == 2);
    consumer.setPollException(new KafkaException("broker away"));
    consumer.schedulePollTask(() -> consumer.addRecord(record(2)));
    await(() -> seen.contains("r2"));
    assertThat(seen).containsExactly("r0", "r1", "r2");
    assertThat(loop.isAlive()).isTrue();
  }

  @Test
  void aRecordThatDoesNotParseIsSkipped() {
    updateOffsets(0, 3);
    consumer.updatePartitions(TOPIC, List.of(partition()));
    replay =
        new TopicReplay(
            consumer,
            TOPIC,
            TopicReplay.From.BEGINNING,
            "test records",
            r -> {
              String text = new String(r.value(), StandardCharsets.UTF_8);
              if (text.equals("r1")) {
                throw new InvalidProtocolBufferException("not a record");
              }
              seen.add(text);
            },
            caughtUp::incrementAndGet);
    addRecordsOnFirstPoll(3);
    loop = new Thread(replay, "replay");
    loop.start();
    await(() -> seen.size() == 2);
    assertThat(seen).containsExactly("r0", "r2");
  }

  @Test
  void aTopicWithoutPartitionsYetIsAskedForAgain() {
    start(TopicReplay.From.BEGINNING);
    updateOffsets(0, 1);
    consumer.updatePartitions(TOPIC, List.of(partition()));
    addRecordsOnFirstPoll(1);
    await(() -> seen.size() == 1);
    assertThat(seen).containsExactly("r0");
  }

  private void topicWithRecords(int n) {
    updateOffsets(0, n);
    consumer.updatePartitions(TOPIC, List.of(partition()));
    addRecordsOnFirstPoll(n);
  }

  /** Records can only be added once the partition is assigned, which the loop does itself. */
  private void addRecordsOnFirstPoll(int n) {
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < n; i++) {
            consumer.addRecord(record(i));
          }
        });
  }

  private void updateOffsets(long begin, long end) {
    consumer.updateBeginningOffsets(Map.of(P0, begin));
    consumer.updateEndOffsets(Map.of(P0, end));
  }

  private void start(TopicReplay.From from) {
    replay =
        new TopicReplay(
            consumer,
            TOPIC,
            from,
            "test records",
            r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)),
            caughtUp::incrementAndGet);
    loop = new Thread(replay, "replay");
    loop.start();
  }

  private static ConsumerRecord<String, byte[]> record(int offset) {
    return new ConsumerRecord<>(
        TOPIC, 0, offset, "k", ("r" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static PartitionInfo partition() {
    Node node = new Node(0, "localhost", 9092);
    return new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node});
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      LockSupport.parkNanos(1_000_000);
    }
  }
}
