package oasis.smoke;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import oasis.marketdata.MarketDataEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end through the data path: a synthetic Coinbase {@code match} for the product {@value
 * #PRODUCT} (so consumers can tell it apart; a constant price never moves a strategy) goes onto the
 * raw topic and must come out of the normalizer on the normalized topic, same trade id.
 */
final class MarketDataProbe implements SmokeCheck {

  /** The smoke product: valid for the normalizer, traded nowhere. */
  static final String PRODUCT = "OASIS-SMOKE";

  static final String NORMALIZER = "data-normalizer";

  @Override
  public String name() {
    return "probe/market-data";
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    String raw = ctx.variable(NORMALIZER, "RAW_MARKET_TOPIC", "market-data.trades.coinbase");
    String normalized =
        ctx.variable(NORMALIZER, "NORMALIZED_MARKET_TOPIC", "market-data.trades.normalized");
    if (ctx.kafkaBootstrap() == null) {
      return SmokeCheckResult.fail(
          "kafka", "no Kafka bootstrap address: the target reports no broker");
    }
    Duration timeout = ctx.settings().probeTimeout();
    long tradeId = System.currentTimeMillis() * 1000 + (System.nanoTime() % 1000 + 1000) % 1000;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(ctx));
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(ctx))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(normalized, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return SmokeCheckResult.fail("kafka", "topic " + normalized + " has no partitions");
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(tp -> consumer.position(tp, timeout));
      long start = System.nanoTime();
      producer
          .send(new ProducerRecord<>(raw, PRODUCT, match(tradeId)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return awaitTrade(ctx, consumer, tradeId, start, raw, normalized);
    } catch (ExecutionException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      return SmokeCheckResult.fail(
          "kafka",
          "Kafka at " + ctx.kafkaBootstrap() + " refused the probe: " + cause.getMessage());
    } catch (TimeoutException e) {
      return SmokeCheckResult.fail(
          "kafka",
          "Kafka at "
              + ctx.kafkaBootstrap()
              + " did not acknowledge the probe within "
              + timeout.toMillis()
              + " ms");
    } catch (InvalidProtocolBufferException e) {
      return SmokeCheckResult.fail(
          NORMALIZER,
          normalized + " holds a record that is not a MarketDataEvent: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SmokeCheckResult.fail(NORMALIZER, "interrupted");
    }
  }

  /**
   * Polls the normalized topic until the probe's trade arrives or the probe's timeout since {@code
   * start} is spent.
   */
  private static SmokeCheckResult awaitTrade(
      SmokeContext ctx,
      KafkaConsumer<byte[], byte[]> consumer,
      long tradeId,
      long start,
      String raw,
      String normalized)
      throws InvalidProtocolBufferException {
    Duration timeout = ctx.settings().probeTimeout();
    long deadline = start + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        seen++;
        MarketDataEvent e = MarketDataEvent.parseFrom(r.value());
        if (PRODUCT.equals(e.getHeader().getSymbol())
            && Long.toString(tradeId).equals(e.getTradeUpdate().getTradeId())) {
          long ms = (System.nanoTime() - start) / 1_000_000;
          return SmokeCheckResult.pass(
              NORMALIZER,
              "trade "
                  + tradeId
                  + " went from "
                  + raw
                  + " to "
                  + normalized
                  + " in "
                  + ms
                  + " ms (price "
                  + e.getTradeUpdate().getPrice()
                  + ")");
        }
      }
    }
    return SmokeCheckResult.fail(
        NORMALIZER,
        "trade "
            + tradeId
            + " of "
            + PRODUCT
            + " put on "
            + raw
            + " did not reach "
            + normalized
            + " within "
            + timeout.toMillis()
            + " ms ("
            + seen
            + " other records seen; Kafka at "
            + ctx.kafkaBootstrap()
            + ")");
  }

  /** A Coinbase {@code match} message, decimals as strings, time with microseconds. */
  static String match(long tradeId) {
    String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    return "{\"type\":\"match\",\"trade_id\":"
        + tradeId
        + ",\"sequence\":"
        + tradeId
        + ",\"maker_order_id\":\"oasis-smoke\",\"taker_order_id\":\"oasis-smoke\",\"time\":\""
        + time
        + "\",\"product_id\":\""
        + PRODUCT
        + "\",\"size\":\"0.001\",\"price\":\"1\",\"side\":\"buy\"}";
  }

  static Properties consumerProps(SmokeContext ctx) {
    Properties p = ctx.kafkaProperties("oasis-smoke-probe-consumer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    retainOnly(p, ConsumerConfig.configNames());
    return p;
  }

  static Properties producerProps(SmokeContext ctx) {
    Properties p = ctx.kafkaProperties("oasis-smoke-probe-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ctx.settings().probeTimeout().toMillis());
    // at least the request bound, as the producer requires (longer on a secured broker)
    int request = (int) p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    p.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(ctx.settings().probeTimeout().toMillis(), Math.max(3000, request)));
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    retainOnly(p, ProducerConfig.configNames());
    return p;
  }

  /** Admin-only keys would make the clients log "unknown config" warnings. */
  private static void retainOnly(Properties p, java.util.Set<String> known) {
    p.keySet().removeIf(k -> !known.contains(k.toString()));
  }
}
