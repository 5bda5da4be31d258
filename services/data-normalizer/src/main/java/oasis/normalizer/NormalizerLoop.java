package oasis.normalizer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import oasis.service.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * after Kafka acknowledged all of its outputs: at-least-once, with an idempotent producer. A batch
 * with a failed output is read again.
 */
final class NormalizerLoop implements Runnable {
  static final String REASON_HEADER = "x-deadletter-reason";
  static final String CODE_HEADER = "x-deadletter-code";
  private static final Logger LOG = LoggerFactory.getLogger(NormalizerLoop.class);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  private final NormalizerSettings settings;
  private final NormalizerMetrics metrics;
  private final TradeNormalizer normalizer = new TradeNormalizer();
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean running;

  NormalizerLoop(NormalizerSettings settings, KafkaSettings kafka, NormalizerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.consumer =
        new KafkaConsumer<>(
            kafka.consumer(settings.consumerGroup(), "data-normalizer"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.producer =
        new KafkaProducer<>(
            kafka.producer("data-normalizer"), new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void run() {
    running = true;
    try {
      consumer.subscribe(List.of(settings.rawTopic()));
      while (!stopping) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
        if (!batch.isEmpty()) {
          process(batch);
        }
      }
    } catch (WakeupException e) {
      if (!stopping) {
        LOG.error("consumer woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("the normalizer loop stopped", e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
      finished.countDown();
    }
  }

  private void process(ConsumerRecords<String, byte[]> batch) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      send(record, failure);
    }
    producer.flush();
    if (failure.get() == null) {
      consumer.commitSync(nextOffsets(batch));
      return;
    }
    LOG.warn("a batch's output failed ({}); reading it again", failure.get().toString());
    for (TopicPartition partition : batch.partitions()) {
      consumer.seek(partition, batch.records(partition).get(0).offset());
    }
    pause();
  }

  private void send(ConsumerRecord<String, byte[]> record, AtomicReference<Exception> failure) {
    long start = System.nanoTime();
    Instant received =
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    Outcome outcome = normalizeSafely(record.value(), received);
    ProducerRecord<String, byte[]> output;
    String label;
    if (outcome instanceof Outcome.Normalized normalized) {
      output =
          new ProducerRecord<>(
              settings.normalizedTopic(),
              normalized.event().getHeader().getSymbol(),
              normalized.event().toByteArray());
      label = "normalized";
    } else {
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
          metrics.processed.labelValues(label).inc();
          metrics.latency.observe((System.nanoTime() - start) / 1e9);
          if (outcome instanceof Outcome.Rejected rejected) {
            metrics.deadLetters.labelValues(rejected.code()).inc();
          }
        });
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

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : batch.partitions()) {
      List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
      offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
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
