package oasis.risk;

import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.service.PeerReadiness;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.control.KillSwitch;
import oasis.service.control.KillSwitchListener;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;
import oasis.service.marketdata.LastPrices;
import oasis.service.marketdata.MarketPriceListener;
import oasis.service.routing.WeightedChannel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import redis.clients.jedis.JedisPooled;
import trading.contracts.OrderExecutorGrpc;

/**
 * Wires the risk engine onto the service kit: the RiskValidator gRPC service (with the kit's
 * metrics and fault injection), readiness on Kafka, Redis and the order manager, and an orderly
 * shutdown.
 */
public final class RiskEngineService {
  /** Component name, as in oasis.yaml. */
  public static final String COMPONENT = "risk-engine";

  /** Prefix of the service's port variables. */
  public static final String PREFIX = "RISK";

  /** Where the order manager publishes execution reports, unless EXECUTION_REPORTS_TOPIC says. */
  static final String REPORTS_TOPIC = "orders.execution-reports";

  private RiskEngineService() {}

  /** Adds the risk engine to a service being built. */
  public static void configure(ServiceRuntime.Builder service) throws IOException {
    RiskEngineConfig config = RiskEngineConfig.from(values(service.config()));
    KafkaSettings kafka = KafkaSettings.from(service.config());
    Labels labels =
        Labels.of("version", service.identity().version(), "track", service.identity().track());

    KafkaReadiness kafkaUp = new KafkaReadiness(kafka);
    service.readinessCheck("kafka", kafkaUp).onShutdown("kafka readiness", kafkaUp::close);

    PositionBook book;
    if (config.useRedis()) {
      // TLS and ACL login when the environment asks (issue 18): built in the service kit.
      JedisPooled redis =
          oasis.service.security.RedisClients.pooled(service.config(), config.redisUrl());
      service
          .readinessCheck("redis", () -> "PONG".equals(redis.ping()))
          .onShutdown("redis", redis::close);
      book = new RedisPositionBook(redis, "oasis:risk:");
    } else {
      book = new InMemoryPositionBook();
    }

    // Positions come from the order manager's execution reports, each fill once.
    ExecutionReportListener reports =
        new ExecutionReportListener(
            new KafkaConsumer<>(consumer(kafka, service.identity().instanceId() + "-reports")),
            service.config().raw("EXECUTION_REPORTS_TOPIC").orElse(REPORTS_TOPIC).trim(),
            book);
    Thread reportThread = new Thread(reports, "execution-report-listener");
    reportThread.setDaemon(true);
    reportThread.start();
    service.onShutdown("execution report listener", reports::stop);

    ManagedChannel orderManager =
        WeightedChannel.forComponent(
            service.config(), "order-manager", config.orderManagerAddress());
    service
        .readinessCheck(
            "order-manager " + config.orderManagerAddress(),
            new PeerReadiness(orderManager, Duration.ofSeconds(1)))
        .onShutdown(
            "order-manager channel",
            () -> orderManager.shutdown().awaitTermination(2, TimeUnit.SECONDS));

    LastPrices prices = MarketPriceListener.prices(service.config());
    config.seedPrices().forEach(prices::seedPaper);
    MarketPriceListener listener =
        new MarketPriceListener(
            new KafkaConsumer<>(consumer(kafka, service.identity().instanceId())),
            config.marketTopic(),
            prices);
    Thread thread = new Thread(listener, "market-price-listener");
    thread.setDaemon(true);
    thread.start();
    service.onShutdown("market price listener", listener::stop);

    RiskEngine engine =
        new RiskEngine(
            config.limits(),
            config.sizing(),
            prices,
            book,
            new RateLimiter(config.limits().signalsPerSecond(), System::nanoTime),
            new GrpcOrderSubmitter(
                OrderExecutorGrpc.newBlockingStub(orderManager),
                config.orderManagerDeadline(),
                config.orderManagerAttempts()),
            new RiskMetrics(service.metrics().registry(), labels));
    // The runtime kill switch: control commands, replayed from the start of the topic.
    KillSwitch killSwitch = new KillSwitch();
    engine.obey(killSwitch);
    KillSwitchListener commands =
        new KillSwitchListener(
            new KafkaConsumer<>(consumer(kafka, service.identity().instanceId() + "-control")),
            service.config().raw("CONTROL_COMMAND_TOPIC").orElse("control.commands").trim(),
            killSwitch);
    Thread commandThread = new Thread(commands, "kill-switch-listener");
    commandThread.setDaemon(true);
    commandThread.start();
    service.onShutdown("kill switch listener", commands::stop);
    service.grpcService(new RiskValidatorService(engine));
  }

  /** Builds and starts the risk engine with the given configuration (tests, tools). */
  public static ServiceRuntime start(ServiceConfig config) throws IOException {
    ServiceRuntime.Builder service = ServiceRuntime.builder(COMPONENT, PREFIX, config);
    configure(service);
    return service.start();
  }

  private static Map<String, String> values(ServiceConfig config) {
    Map<String, String> values = new HashMap<>();
    for (String name : RiskEngineConfig.VARIABLES) {
      config.raw(name).ifPresent(value -> values.put(name, value));
    }
    return values;
  }

  private static Properties consumer(KafkaSettings kafka, String clientId) {
    // Every instance reads every partition by assignment: the group is never joined or committed.
    Properties p = kafka.consumer(COMPONENT + "-prices", clientId + "-prices");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
