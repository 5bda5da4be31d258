package oasis.risk;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import trading.contracts.OrderExecutorGrpc;

/** Wires the risk engine from its configuration and owns what must be closed at shutdown. */
public final class RiskEngineApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RiskEngineApp.class);

  private final Server server;
  private final HTTPServer metricsServer;
  private final ManagedChannel orderManager;
  private final MarketPriceListener priceListener;
  private final JedisPooled redis;

  private RiskEngineApp(
      Server server,
      HTTPServer metricsServer,
      ManagedChannel orderManager,
      MarketPriceListener priceListener,
      JedisPooled redis) {
    this.server = server;
    this.metricsServer = metricsServer;
    this.orderManager = orderManager;
    this.priceListener = priceListener;
    this.redis = redis;
  }

  /** Starts everything and prints one ready line with the bound ports on stdout. */
  public static RiskEngineApp start(Map<String, String> env) throws IOException {
    RiskEngineConfig config = RiskEngineConfig.from(env);
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;

    LastPrices prices = new LastPrices();
    config.seedPrices().forEach(prices::update);
    MarketPriceListener priceListener =
        new MarketPriceListener(consumer(config), config.marketTopic(), prices);
    Thread thread = new Thread(priceListener, "market-price-listener");
    thread.setDaemon(true);
    thread.start();

    JedisPooled redis = null;
    PositionBook book;
    if (config.useRedis()) {
      redis = new JedisPooled(config.redisUrl());
      redis.ping();
      book = new RedisPositionBook(redis, "oasis:risk:");
    } else {
      book = new InMemoryPositionBook();
    }

    ManagedChannel channel =
        Grpc.newChannelBuilder(config.orderManagerAddress(), InsecureChannelCredentials.create())
            .build();
    OrderSubmitter submitter =
        new GrpcOrderSubmitter(
            OrderExecutorGrpc.newBlockingStub(channel),
            config.orderManagerDeadline(),
            config.orderManagerAttempts());
    RiskEngine engine =
        new RiskEngine(
            config.limits(),
            config.sizing(),
            prices,
            book,
            new RateLimiter(config.limits().signalsPerSecond(), System::nanoTime),
            submitter,
            new RiskMetrics(registry));
    Server server =
        Grpc.newServerBuilderForPort(config.grpcPort(), InsecureServerCredentials.create())
            .addService(new RiskValidatorService(engine))
            .build()
            .start();
    HTTPServer metricsServer =
        HTTPServer.builder().port(config.metricsPort()).registry(registry).buildAndStart();
    System.out.printf(
        "risk-engine ready grpc=%d metrics=%d order-manager=%s store=%s%n",
        server.getPort(),
        metricsServer.getPort(),
        config.orderManagerAddress(),
        config.useRedis() ? "redis" : "memory");
    System.out.flush();
    return new RiskEngineApp(server, metricsServer, channel, priceListener, redis);
  }

  /** Blocks until the gRPC server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops accepting, drains in-flight calls (10 s at most), then closes clients. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
      orderManager.shutdown();
      if (!orderManager.awaitTermination(2, TimeUnit.SECONDS)) {
        orderManager.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted during shutdown");
    } finally {
      priceListener.stop();
      metricsServer.close();
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(RiskEngineConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBrokers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
