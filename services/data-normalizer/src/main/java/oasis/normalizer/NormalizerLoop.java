package oasis.normalizer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import oasis.service.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes raw messages, produces each one normalized or dead-lettered, and commits a batch only
 * after Kafka acknowledged all of its outputs, with an idempotent producer. A batch with a failed
 * output is read again; {@link TradeDedupe} makes that (and a trade the raw topic holds twice)
 * produce one event per (product, trade id). On assignment the last {@value #WARM_UP} records
 * before each partition's committed offset are read back to learn what was already published. No
 * Kafka error ends the loop: a broker that is away for minutes is waited out.
 */
final class NormalizerLoop implements Runnable {
  static final String REASON_HEADER = "x-deadletter-reason";
  static final String CODE_HEADER = "x-deadletter-code";
  static final int WARM_UP = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(NormalizerLoop.class);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);

  private final NormalizerSettings settings;
  private final NormalizerMetrics metrics;
  private final TradeNormalizer normalizer = new TradeNormalizer();
  private final TradeDedupe dedupe = new TradeDedupe();
  private final Map<TopicPartition, Long> warmUntil = new ConcurrentHashMap<>();
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean running;
  private Duration pause = RETRY_PAUSE;

  NormalizerLoop(NormalizerSettings settings, KafkaSettings kafka, NormalizerMetrics metrics) {
    this(
        settings,
        new KafkaConsumer<>(
            kafka.consumer(settings.consumerGroup(), "data-normalizer"),
            new StringDeserializer(),
            new ByteArrayDeserializer()),
        new KafkaProducer<>(producer(kafka), new StringSerializer(), new ByteArraySerializer()),
        metrics);
  }

  /** With the given clients (tests). */
  NormalizerLoop(
      NormalizerSettings settings,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      NormalizerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.consumer = consumer;
    this.producer = producer;
  }

  private static Properties producer(KafkaSettings kafka) {
    Properties p = kafka.producer("data-normalizer");
    // An output waits out a broker outage of minutes rather than expiring into a batch retry.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(4).toMillis());
    return p;
  }

  @Override
  public void run() {
    running = true;
    try {
      consumer.subscribe(List.of(settings.rawTopic()), new WarmUp());
      while (!stopping) {
        pollOnce();
      }
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
      finished.countDown();
    }
  }

  /** One poll and its batch; any failure is logged and retried, only stopping ends the loop. */
  private void pollOnce() {
    try {
      ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
      if (!batch.isEmpty()) {
        process(batch);
      }
      pause = RETRY_PAUSE;
    } catch (WakeupException e) {
      if (!stopping) {
        LOG.warn("consumer woken up unexpectedly; polling on");
      }
    } catch (KafkaException e) {
      // A failed commit or poll: the offsets not committed are read again (and deduplicated).
      LOG.warn("kafka failed ({}); polling again in {} ms", e.toString(), pause.toMillis());
      backOff();
    } catch (RuntimeException e) {
      LOG.error("normalizing a batch failed unexpectedly; polling again", e);
      backOff();
    }
  }

  private void process(ConsumerRecords<String, byte[]> batch) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try {
      for (ConsumerRecord<String, byte[]> record : batch) {
        send(record, failure);
      }
      producer.flush();
    } catch (KafkaException e) {
      failure.compareAndSet(null, e);
    } finally {
      dedupe.batchDone();
    }
    if (failure.get() == null) {
      Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(batch);
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets);
      }
      return;
    }
    LOG.warn("a batch's output failed ({}); reading it again", failure.get().toString());
    for (TopicPartition partition : batch.partitions()) {
      consumer.seek(partition, batch.records(partition).get(0).offset());
    }
    backOff();
  }

  private void send(ConsumerRecord<String, byte[]> record, AtomicReference<Exception> failure) {
    long start = System.nanoTime();
    Instant received =
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    Outcome outcome = normalizeSafely(record.value(), received);
    ProducerRecord<String, byte[]> output;
    String label;
    if (outcome instanceof Outcome.Normalized normalized) {
      if (warmingUp(record)) {
        dedupe.published(normalized.event());
        return;
      }
      if (dedupe.isRepeat(normalized.event())) {
        metrics.duplicates.inc();
        return;
      }
      output =
          new ProducerRecord<>(
              settings.normalizedTopic(),
              normalized.event().getHeader().getSymbol(),
              normalized.event().toByteArray());
      label = "normalized";
    } else {
      if (warmingUp(record)) {
        return;
      }
      output = deadLetter(record, (Outcome.Rejected) outcome);
      label = "deadletter";
    }
    producer.send(
        output,
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
            metrics.publishErrors.inc();
            return;
          }
          if (outcome instanceof Outcome.Normalized normalized) {
            dedupe.published(normalized.event());
          }
          metrics.processed.labelValues(label).inc();
          metrics.latency.observe((System.nanoTime() - start) / 1e9);
          if (outcome instanceof Outcome.Rejected rejected) {
            metrics.deadLetters.labelValues(rejected.code()).inc();
          }
        });
  }

  /** True for a record read back on assignment: its output was published before. */
  private boolean warmingUp(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Long until = warmUntil.get(partition);
    return until != null && record.offset() < until;
  }

  private Outcome normalizeSafely(byte[] value, Instant received) {
    try {
      return normalizer.normalize(value, received);
    } catch (RuntimeException e) {
      LOG.error("normalizing a message failed unexpectedly", e);
      return new Outcome.Rejected("internal_error", "normalizer error: " + e);
    }
  }

  private ProducerRecord<String, byte[]> deadLetter(
      ConsumerRecord<String, byte[]> record, Outcome.Rejected rejected) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_HEADER, rejected.reason().getBytes(StandardCharsets.UTF_8));
    headers.add(CODE_HEADER, rejected.code().getBytes(StandardCharsets.UTF_8));
    headers.add("x-source-topic", record.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(
        "x-source-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
    headers.add(
        "x-source-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        settings.deadLetterTopic(), null, record.key(), record.value(), headers);
  }

  /** The offsets after the batch, leaving out partitions still reading back (never go back). */
  private Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : batch.partitions()) {
      List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
      long next = records.get(records.size() - 1).offset() + 1;
      if (next > warmUntil.getOrDefault(partition, -1L)) {
        offsets.put(partition, new OffsetAndMetadata(next));
      }
    }
    return offsets;
  }

  /** Waits before the next try, doubling up to {@link #MAX_RETRY_PAUSE}; a stop cuts it short. */
  private void backOff() {
    try {
      finished.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
    Duration doubled = pause.multipliedBy(2);
    pause = doubled.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : doubled;
  }

  /** On assignment, reads back what precedes each committed offset to learn the published ids. */
  private final class WarmUp implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      try {
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(Set.copyOf(partitions));
        if (committed.values().stream().allMatch(java.util.Objects::isNull)) {
          return;
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
          OffsetAndMetadata offset = committed.get(partition);
          if (offset == null) {
            continue;
          }
          long from = Math.max(beginning.getOrDefault(partition, 0L), offset.offset() - WARM_UP);
          warmUntil.put(partition, offset.offset());
          consumer.seek(partition, from);
        }
      } catch (KafkaException e) {
        LOG.warn(
            "cannot read back before the committed offsets ({}); deduplicating from here",
            e.toString());
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(warmUntil::remove);
    }
  }

  /** True while the loop polls. */
  boolean running() {
    return running;
  }

  /** Stops polling, lets the current batch finish and commit, closes the clients. */
  void stop() throws InterruptedException {
    stopping = true;
    consumer.wakeup();
    if (!finished.await(8, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the normalizer loop did not stop within 8 s");
    }
  }
}
