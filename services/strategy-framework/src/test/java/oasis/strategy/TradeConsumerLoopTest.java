package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import trading.contracts.SignalValidationResponse;

/** The trade loop outlives a broker restart: a timed-out commit is retried, never fatal. */
class TradeConsumerLoopTest {

  static final String TOPIC = "market-data.trades.normalized";

  @Test
  void aCommitThatTimesOutWhileTheBrokerRestartsDoesNotStopTheLoop() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    MockConsumer<String, byte[]> consumer =
        new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
          @Override
          public synchronized void commitSync(Duration timeout) {
            if (commits.incrementAndGet() == 1) {
              throw new TimeoutException("Timeout of 5000ms expired before committing offsets");
            }
            super.commitSync(timeout);
          }
        };
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    StrategyRunner runner =
        new StrategyRunner(
            StrategyRunner.discover(),
            Map.of("momentum", Map.of("short_window", "2", "long_window", "4")));
    SignalDispatcher dispatcher =
        new SignalDispatcher(
            runner,
            signal -> SignalValidationResponse.newBuilder().setApproved(true).build(),
            new StrategyMetrics(new PrometheusRegistry()));
    TradeConsumerLoop loop = new TradeConsumerLoop(consumer, TOPIC, "", dispatcher);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(partition));
          consumer.updateBeginningOffsets(Map.of(partition, 0L));
          consumer.addRecord(record(0, "100"));
        });
    consumer.schedulePollTask(() -> consumer.addRecord(record(1, "101")));
    Thread thread = new Thread(loop, "trade-consumer");
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (commits.get() < 2 && thread.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean aliveAfterTheFailedCommit = thread.isAlive();
    var committed = consumer.committed(Set.of(partition)).get(partition);
    loop.stop();
    thread.join(10_000);

    assertThat(aliveAfterTheFailedCommit).as("the loop survived the timed-out commit").isTrue();
    assertThat(committed).as("the second batch's commit").isNotNull();
    assertThat(committed.offset()).as("it covers both batches").isEqualTo(2);
  }

  @Test
  void aPollThatFailsAndACommitRefusedAfterARebalanceDoNotStopTheLoop() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    MockConsumer<String, byte[]> consumer =
        new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
          @Override
          public synchronized void commitSync(Duration timeout) {
            if (commits.incrementAndGet() == 1) {
              throw new CommitFailedException("the group rebalanced while the broker was away");
            }
            super.commitSync(timeout);
          }
        };
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    PrometheusRegistry registry = new PrometheusRegistry();
    SignalDispatcher dispatcher =
        new SignalDispatcher(
            new StrategyRunner(StrategyRunner.discover(), Map.of()),
            signal -> SignalValidationResponse.newBuilder().setApproved(true).build(),
            new StrategyMetrics(registry));
    TradeConsumerLoop loop = new TradeConsumerLoop(consumer, TOPIC, "", dispatcher);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(partition));
          consumer.updateBeginningOffsets(Map.of(partition, 0L));
          consumer.addRecord(record(0, "100"));
        });
    consumer.schedulePollTask(
        () -> consumer.setPollException(new KafkaException("broker gone: not retriable")));
    consumer.schedulePollTask(() -> consumer.addRecord(record(1, "101")));
    Thread thread = new Thread(loop, "trade-consumer");
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (commits.get() < 2 && thread.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean alive = thread.isAlive();
    loop.stop();
    thread.join(10_000);

    assertThat(alive).as("the loop survived the failed poll and the refused commit").isTrue();
    double trades =
        registry.scrape().stream()
            .filter(m -> m.getMetadata().getName().equals("strategy_trades_processed"))
            .flatMap(m -> m.getDataPoints().stream())
            .mapToDouble(p -> ((CounterSnapshot.CounterDataPointSnapshot) p).getValue())
            .sum();
    assertThat(trades).as("both trades, before and after the failures").isEqualTo(2.0);
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String price) {
    return new ConsumerRecord<>(
        TOPIC, 0, offset, "BTC-USD", TradeTest.event("BTC-USD", price, "0.1").toByteArray());
  }
}
