package oasis.orders;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.orders.coinbase.CoinbaseCredentials;
import oasis.orders.coinbase.CoinbaseVenue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/** Wires the order manager from its configuration and owns what must be closed at shutdown. */
public final class OrderManagerApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrderManagerApp.class);

  private final Server server;
  private final HTTPServer metricsServer;
  private final MarketPriceListener priceListener;
  private final KafkaExecutionReportPublisher reports;
  private final JedisPooled redis;

  private OrderManagerApp(
      Server server,
      HTTPServer metricsServer,
      MarketPriceListener priceListener,
      KafkaExecutionReportPublisher reports,
      JedisPooled redis) {
    this.server = server;
    this.metricsServer = metricsServer;
    this.priceListener = priceListener;
    this.reports = reports;
    this.redis = redis;
  }

  /** Starts everything and prints one ready line with the bound ports on stdout. */
  public static OrderManagerApp start(Map<String, String> env) throws IOException {
    OrderManagerConfig config = OrderManagerConfig.from(env);
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    OrderMetrics metrics = new OrderMetrics(registry);

    ExecutionVenue venue;
    MarketPriceListener priceListener = null;
    if (config.mode() == OrderManagerConfig.Mode.REAL) {
      CoinbaseCredentials credentials;
      try {
        credentials =
            CoinbaseCredentials.of(
                env.get("COINBASE_API_KEY"),
                env.get("COINBASE_API_SECRET"),
                env.get("COINBASE_API_PASSPHRASE"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      venue = new CoinbaseVenue(config.coinbaseUrl(), credentials, Clock.systemUTC());
    } else {
      LastPrices prices = new LastPrices();
      config.seedPrices().forEach(prices::update);
      priceListener = new MarketPriceListener(consumer(config), config.marketTopic(), prices);
      Thread thread = new Thread(priceListener, "market-price-listener");
      thread.setDaemon(true);
      thread.start();
      venue = new PaperVenue(prices);
    }

    JedisPooled redis = null;
    OrderStore store;
    if (config.useRedis()) {
      redis = new JedisPooled(config.redisUrl());
      redis.ping();
      store = new RedisOrderStore(redis, "oasis:orders:");
    } else {
      store = new InMemoryOrderStore();
    }
    metrics.load(store.all());

    KafkaExecutionReportPublisher reports =
        new KafkaExecutionReportPublisher(
            producer(config), config.executionReportsTopic(), metrics);
    OrderService orders = new OrderService(store, venue, reports, metrics);
    Server server =
        Grpc.newServerBuilderForPort(config.grpcPort(), InsecureServerCredentials.create())
            .addService(new OrderExecutorService(orders))
            .build()
            .start();
    HTTPServer metricsServer =
        HTTPServer.builder().port(config.metricsPort()).registry(registry).buildAndStart();
    System.out.printf(
        "order-manager ready grpc=%d metrics=%d mode=%s store=%s%n",
        server.getPort(),
        metricsServer.getPort(),
        config.mode().name().toLowerCase(java.util.Locale.ROOT),
        config.useRedis() ? "redis" : "memory");
    System.out.flush();
    return new OrderManagerApp(server, metricsServer, priceListener, reports, redis);
  }

  /** Blocks until the gRPC server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Stops accepting, drains in-flight calls (10 s at most), then closes Kafka and Redis clients.
   */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
      if (priceListener != null) {
        priceListener.stop();
      }
      reports.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted during shutdown");
    } finally {
      metricsServer.close();
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(OrderManagerConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBrokers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private static KafkaProducer<String, byte[]> producer(OrderManagerConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBrokers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try {
      return new KafkaProducer<>(p);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("kafka producer: " + e.getMessage(), e));
    }
  }
}
