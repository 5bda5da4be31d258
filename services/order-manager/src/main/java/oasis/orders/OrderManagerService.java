package oasis.orders;

import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import oasis.orders.coinbase.CoinbaseCredentials;
import oasis.orders.coinbase.CoinbaseVenue;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.control.KillSwitch;
import oasis.service.control.KillSwitchListener;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;
import oasis.service.marketdata.LastPrices;
import oasis.service.marketdata.MarketPriceListener;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.JedisPooled;

/**
 * Wires the order manager onto the service kit: the OrderExecutor gRPC service (with the kit's
 * metrics and fault injection), readiness on Kafka and Redis, and an orderly shutdown.
 */
public final class OrderManagerService {
  /** Component name, as in oasis.yaml. */
  public static final String COMPONENT = "order-manager";

  /** Prefix of the service's port variables. */
  public static final String PREFIX = "ORDER_MANAGER";

  /**
   * Bound on the broker's acknowledgement of one batch of reports: past the producer's delivery
   * timeout, and short enough for a last drain to fit the 10 s shutdown.
   */
  private static final java.time.Duration REPORT_ACK_TIMEOUT = java.time.Duration.ofSeconds(4);

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(OrderManagerService.class);

  private OrderManagerService() {}

  /** Adds the order manager to a service being built. */
  public static void configure(ServiceRuntime.Builder service) throws IOException {
    OrderManagerConfig config = OrderManagerConfig.from(values(service.config()));
    CoinbaseCredentials credentials =
        config.mode() == OrderManagerConfig.Mode.REAL ? credentials(service.config()) : null;
    config.requireSharedStoreForRealMoney();
    KafkaSettings kafka = KafkaSettings.from(service.config());
    String clientId = service.identity().instanceId();
    OrderMetrics metrics =
        new OrderMetrics(
            service.metrics().registry(),
            Labels.of(
                "version", service.identity().version(), "track", service.identity().track()));

    // Paper fills exist in both modes: under a real ceiling, orders that do not ask for real money
    // still fill on paper. The exchange venue exists only when ORDER_MANAGER_MODE=real.
    LastPrices prices = MarketPriceListener.prices(service.config());
    config.seedPrices().forEach(prices::seedPaper);
    MarketPriceListener listener =
        new MarketPriceListener(
            new KafkaConsumer<>(consumer(kafka, clientId)), config.marketTopic(), prices);
    Thread thread = new Thread(listener, "market-price-listener");
    thread.setDaemon(true);
    thread.start();
    service.onShutdown("market price listener", listener::stop);
    PaperVenue paper = new PaperVenue(prices);
    Venues venues =
        config.mode() == OrderManagerConfig.Mode.REAL
            ? Venues.real(
                paper,
                new CoinbaseVenue(
                    config.coinbaseUrl(),
                    credentials,
                    Clock.systemUTC(),
                    // What is checked before any order is signed and sent for real money.
                    new CoinbaseVenue.Safeguards(
                        config.productRules(),
                        symbol -> prices.quote(symbol, false).price(),
                        config.marketCollar(),
                        config.maxClockSkew())))
            : Venues.paperOnly(paper);

    OrderStore store;
    if (config.useRedis()) {
      // TLS and ACL login when the environment asks (issue 18): built in the service kit.
      JedisPooled redis =
          oasis.service.security.RedisClients.pooled(service.config(), config.redisUrl());
      service
          .readinessCheck("redis", () -> "PONG".equals(redis.ping()))
          .onShutdown("redis", redis::close);
      store = new RedisOrderStore(redis, "oasis:orders:");
    } else {
      store = new InMemoryOrderStore();
    }
    metrics.load(store.all());

    KafkaReadiness kafkaUp = new KafkaReadiness(kafka);
    // Reports leave through the store's outbox: removed only once the broker acknowledged them.
    KafkaReportSink sink =
        new KafkaReportSink(
            new KafkaProducer<>(producer(kafka, clientId)), config.executionReportsTopic());
    ReportRelay relay =
        ReportRelay.background(store.outbox(), sink, metrics, clientId, REPORT_ACK_TIMEOUT);
    // The runtime kill switch: control commands, replayed from the start of the topic.
    KillSwitch killSwitch = new KillSwitch();
    OrderService orders =
        new OrderService(
                store,
                venues,
                relay,
                metrics,
                Clock.systemUTC(),
                () -> java.util.UUID.randomUUID().toString(),
                OrderService.CLAIM_LEASE)
            .obey(killSwitch);
    // Reconciliation: every open order is asked about at the venue before anyone is answered.
    FillLoop fills = new FillLoop(store, orders, FillLoop.GIVE_UP);
    int reconciled = fills.pass();
    LOG.info("reconciled at start: {} open orders changed at the venue", reconciled);
    fills.start(FillLoop.PERIOD);
    relay.start();
    KillSwitchListener commands =
        new KillSwitchListener(
            new KafkaConsumer<>(consumer(kafka, clientId + "-control")),
            config.controlTopic(),
            killSwitch);
    Thread commandThread = new Thread(commands, "kill-switch-listener");
    commandThread.setDaemon(true);
    commandThread.start();
    service.onShutdown("kill switch listener", commands::stop);
    service
        .grpcService(new OrderExecutorService(orders))
        .readinessCheck("kafka", kafkaUp)
        .onShutdown("kafka readiness", kafkaUp::close)
        .onShutdown("execution report producer", sink::close)
        .onShutdown("execution reports", relay::close)
        .onShutdown("fill loop", fills::close);
  }

  /** Builds and starts the order manager with the given configuration (tests, tools). */
  public static ServiceRuntime start(ServiceConfig config) throws IOException {
    ServiceRuntime.Builder service = ServiceRuntime.builder(COMPONENT, PREFIX, config);
    configure(service);
    return service.start();
  }

  private static CoinbaseCredentials credentials(ServiceConfig config) {
    try {
      return CoinbaseCredentials.of(
          config.raw("COINBASE_API_KEY").orElse(null),
          config.raw("COINBASE_API_SECRET").orElse(null),
          config.raw("COINBASE_API_PASSPHRASE").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static Map<String, String> values(ServiceConfig config) {
    Map<String, String> values = new HashMap<>();
    for (String name : OrderManagerConfig.VARIABLES) {
      config.raw(name).ifPresent(value -> values.put(name, value));
    }
    return values;
  }

  private static java.util.Properties consumer(KafkaSettings kafka, String clientId) {
    // Every instance reads every partition by assignment: the group is never joined or committed.
    java.util.Properties p = kafka.consumer(COMPONENT + "-prices", clientId + "-prices");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  private static java.util.Properties producer(KafkaSettings kafka, String clientId) {
    java.util.Properties p = kafka.producer(clientId + "-reports");
    // A broker that is away fails a send within seconds; the report stays in the outbox.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3500");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
