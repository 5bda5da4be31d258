package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import oasis.marketdata.MarketDataEvent;
import oasis.service.ServiceMetrics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The loop's own retries publish each trade once, and no Kafka error ends it. */
class NormalizerLoopTest {
  private static final String RAW = "raw";
  private final TopicPartition partition = new TopicPartition(RAW, 0);
  private final AtomicInteger commits = new AtomicInteger();
  private final MockConsumer<String, byte[]> consumer =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
          if (commits.incrementAndGet() == 2) {
            throw new CommitFailedException("the group rebalanced while the broker was away");
          }
          super.commitSync(offsets);
        }
      };
  private final AtomicBoolean failedOnce = new AtomicBoolean();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(
            ProducerRecord<String, byte[]> record, Callback callback) {
          // The third trade's first output times out: its batch is read again.
          if (trade(record).endsWith("/3") && failedOnce.compareAndSet(false, true)) {
            callback.onCompletion(null, new TimeoutException("broker away"));
            return CompletableFuture.failedFuture(new TimeoutException("broker away"));
          }
          return super.send(record, callback);
        }
      };
  private final NormalizerLoop loop =
      new NormalizerLoop(
          new NormalizerSettings(RAW, "normalized", "deadletter", "group"),
          consumer,
          producer,
          new NormalizerMetrics(new ServiceMetrics("1.0.0", "stable")));

  @Test
  void aBatchReadAgainAfterAFailedOutputAndARefusedCommitPublishEachTradeOnce() throws Exception {
    consumer.schedulePollTask(
        () -> {
          consumer.updateBeginningOffsets(Map.of(partition, 0L));
          consumer.rebalance(List.of(partition));
          for (int i = 1; i <= 4; i++) {
            consumer.addRecord(raw(i - 1, i));
          }
        });
    // what the loop reads after seeking back to the failed batch's first offset
    consumer.schedulePollTask(
        () -> {
          for (int i = 1; i <= 4; i++) {
            consumer.addRecord(raw(i - 1, i));
          }
        });
    consumer.schedulePollTask(() -> consumer.addRecord(raw(4, 2)));
    consumer.schedulePollTask(() -> consumer.addRecord(raw(5, 5)));
    Thread thread = new Thread(loop, "normalizer-loop");
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((producer.history().size() < 5 || commits.get() < 3)
        && thread.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean alive = thread.isAlive();
    OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
    loop.stop();
    thread.join(10_000);

    assertThat(alive).as("the loop survived the failed output and the refused commit").isTrue();
    assertThat(producer.history())
        .extracting(NormalizerLoopTest::trade)
        .as("trades 1, 2 and 4 once though their batch was read again; the repeated 2 dropped")
        .containsExactly("BTC-USD/1", "BTC-USD/2", "BTC-USD/4", "BTC-USD/3", "BTC-USD/5");
    assertThat(commits.get()).as("a commit after the refused one").isGreaterThanOrEqualTo(3);
    assertThat(committed.offset()).as("offsets up to trade 5 committed").isEqualTo(6);
  }

  private static ConsumerRecord<String, byte[]> raw(long offset, long tradeId) {
    String json =
        "{\"type\":\"match\",\"trade_id\":"
            + tradeId
            + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\",\"side\":\"buy\","
            + "\"size\":\"0.1\",\"price\":\"100."
            + tradeId
            + "\",\"product_id\":\"BTC-USD\",\"sequence\":"
            + (1000 + 17 * tradeId)
            + ",\"time\":\"2026-12-06T01:00:00.000001Z\"}";
    return new ConsumerRecord<>(RAW, 0, offset, "BTC-USD", json.getBytes(StandardCharsets.UTF_8));
  }

  private static String trade(ProducerRecord<String, byte[]> record) {
    try {
      MarketDataEvent event = MarketDataEvent.parseFrom(record.value());
      return event.getHeader().getSymbol() + "/" + event.getTradeUpdate().getTradeId();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
