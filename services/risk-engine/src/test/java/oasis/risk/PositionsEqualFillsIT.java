package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import oasis.orders.OrderManagerService;
import oasis.orders.exchange.TestExchange;
import oasis.orders.exchange.TestExchange.Fault;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.RedisServerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.RejectReason;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * The fill loop closed, counted with real components: two order managers (stable and canary) in
 * real mode on one real redis-server, the local test exchange with its faults, a real Kafka broker
 * and the real risk engine, whose positions (in Redis) are read back. Orders are sent to both
 * tracks with retries on the other one; the exchange fills them partially and later; the position
 * must equal the exchange's fills, and every fill must be on the reports topic, across a Kafka
 * outage and a restart of either service.
 */
class PositionsEqualFillsIT {
  private static final String REPORTS = "reports";
  private static final Set<String> UNSETTLED = Set.of("NEW", "SENT", "UNKNOWN");

  private KafkaBrokerProcess kafka;
  private RedisServerProcess redis;
  private JedisPooled jedis;
  private TestExchange exchange;
  private RedisPositionBook positions;
  private ServiceRuntime risk;
  private final Map<String, ServiceRuntime> orderManagers = new HashMap<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @BeforeEach
  void start() throws Exception {
    kafka =
        KafkaBrokerProcess.builder()
            .topic(REPORTS, 3)
            .topic("control", 1)
            .topic("normalized", 1)
            .start();
    redis = RedisServerProcess.start();
    jedis = new JedisPooled(redis.url());
    positions = new RedisPositionBook(jedis, "oasis:risk:");
    exchange = TestExchange.start();
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    exchange.close();
    for (ServiceRuntime service : orderManagers.values()) {
      service.shutdown();
    }
    if (risk != null) {
      risk.shutdown();
    }
    jedis.close();
    redis.close();
    kafka.close();
  }

  private ManagedChannel orderManager(String track) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ORDER_MANAGER_MODE", "real");
    env.put("COINBASE_API_URL", exchange.uri().toString());
    env.put("COINBASE_API_KEY", "test-key");
    env.put("COINBASE_API_SECRET", "c2VjcmV0LXNlY3JldA==");
    env.put("COINBASE_API_PASSPHRASE", "test-passphrase");
    env.put("ORDER_MANAGER_TEST_EXCHANGE", "1");
    env.put("ORDER_MANAGER_USE_REDIS", "1");
    env.put("REDIS_URL", redis.url());
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("EXECUTION_REPORTS_TOPIC", REPORTS);
    env.put("CONTROL_COMMAND_TOPIC", "control");
    env.put("NORMALIZED_MARKET_TOPIC", "normalized");
    env.put("OASIS_TRACK", track);
    env.put("OASIS_INSTANCE_ID", "order-manager-" + track + "-" + UUID.randomUUID());
    env.put("ORDER_MANAGER_GRPC_PORT", "0");
    env.put("ORDER_MANAGER_METRICS_PORT", "0");
    ServiceRuntime service = OrderManagerService.start(ServiceConfig.of(env));
    orderManagers.put(track, service);
    ManagedChannel channel =
        Grpc.newChannelBuilder(
                "127.0.0.1:" + service.grpcPort(), InsecureChannelCredentials.create())
            .build();
    channels.add(channel);
    return channel;
  }

  private void riskEngine() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RISK_USE_REDIS", "1");
    env.put("REDIS_URL", redis.url());
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("EXECUTION_REPORTS_TOPIC", REPORTS);
    env.put("CONTROL_COMMAND_TOPIC", "control");
    env.put("NORMALIZED_MARKET_TOPIC", "normalized");
    env.put("ORDER_MANAGER_GRPC_ADDR", "127.0.0.1:1");
    env.put("RISK_MAX_POSITION", "0.05");
    env.put("RISK_GRPC_PORT", "0");
    env.put("RISK_METRICS_PORT", "0");
    risk = RiskEngineService.start(ServiceConfig.of(env));
  }

  private static OrderRequest order(String clientOrderId, String quantity) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientOrderId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("LIMIT")
        .setQuantity(quantity)
        .setPrice("50000")
        .setStrategyId("it")
        .setMode(TradingMode.REAL)
        .setRealMoney(true)
        .build();
  }

  private static OrderSubmissionResponse submit(ManagedChannel track, String id, String quantity) {
    return OrderExecutorGrpc.newBlockingStub(track)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .executeOrder(order(id, quantity));
  }

  private static OrderState status(ManagedChannel track, String id) {
    return OrderExecutorGrpc.newBlockingStub(track)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getOrderStatus(OrderStatusRequest.newBuilder().setClientOrderId(id).build());
  }

  /**
   * The same order to both tracks at once, then retries alternating between them until it is
   * settled (bounded): what a canary with retries does to one order.
   */
  private String placeWithRetries(Fault fault, String quantity, ManagedChannel... tracks)
      throws Exception {
    String id = UUID.randomUUID().toString();
    if (fault != null) {
      exchange.arm(id, fault);
    }
    List<Future<OrderSubmissionResponse>> first = new ArrayList<>();
    for (ManagedChannel track : tracks) {
      first.add(pool.submit(() -> submit(track, id, quantity)));
    }
    for (Future<OrderSubmissionResponse> call : first) {
      call.get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String settled = "UNKNOWN";
    for (int i = 0; UNSETTLED.contains(settled) && System.nanoTime() < deadline; i++) {
      settled = submit(tracks[(i + 1) % tracks.length], id, quantity).getStatus();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    assertThat(settled).as("order %s under %s", id, fault).isEqualTo("ACCEPTED");
    assertThat(exchange.ordersFor(id)).as("orders at the exchange under %s", fault).isEqualTo(1);
    return id;
  }

  /** Everything the exchange filled, over every order (all buys). */
  private BigDecimal filledAtTheExchange() {
    BigDecimal total = BigDecimal.ZERO;
    for (String oid : exchange.clientOids()) {
      total = total.add(exchange.filled(oid));
    }
    return total;
  }

  private void awaitPositionEqualsFills(String when) {
    await(
        "the risk engine's position to equal the exchange's fills " + when,
        Duration.ofSeconds(30),
        () -> positions.position("BTC-USD").compareTo(filledAtTheExchange()) == 0);
    assertThat(positions.position("BTC-USD")).isEqualByComparingTo(filledAtTheExchange());
  }

  private static void await(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /**
   * Every fill report on the topic, once per (order id, fill id), with its quantity; the whole
   * topic read to its end (bounded).
   */
  private Map<String, BigDecimal> fillReports() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, BigDecimal> fills = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(REPORTS, Duration.ofSeconds(10))
          .forEach(i -> partitions.add(new TopicPartition(REPORTS, i.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("reading the reports topic").isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            ExecutionReport report = ExecutionReport.parseFrom(record.value());
            if (!report.getFillId().isEmpty()) {
              fills.put(
                  report.getOrderId() + "/" + report.getFillId(),
                  new BigDecimal(report.getLastQuantity()));
            }
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not an ExecutionReport on " + REPORTS, e);
          }
        }
      }
    }
    return fills;
  }

  private void assertEveryFillWasReported(int trades) {
    Map<String, BigDecimal> reported = fillReports();
    assertThat(reported).as("one fill report per trade at the exchange").hasSize(trades);
    assertThat(reported.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(filledAtTheExchange());
  }

  @Test
  void underEachFaultWithRetriesOnTheOtherTrackThePositionEqualsTheFills() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    riskEngine();
    Fault[] faults = {
      null,
      Fault.ACCEPT_THEN_TIMEOUT,
      Fault.ACCEPT_THEN_500,
      Fault.UNAVAILABLE_503,
      Fault.RATE_LIMITED_429
    };
    int trades = 0;
    for (Fault fault : faults) {
      String id = placeWithRetries(fault, "0.01", stable, canary);
      // Partially, later, then in full: both tracks' fill loops read every fill.
      exchange.fill(id, "0.004", "49999.5");
      awaitPositionEqualsFills("after a partial fill under " + fault);
      exchange.fill(id, "0.006", "50000");
      trades += 2;
      awaitPositionEqualsFills("after the last fill under " + fault);
      await(
          "order " + id + " FILLED",
          Duration.ofSeconds(10),
          () -> status(canary, id).getStatus() == trading.contracts.OrderStatus.FILLED);
    }
    assertThat(positions.position("BTC-USD")).isEqualByComparingTo("0.05");
    assertEveryFillWasReported(trades);

    // MAX_POSITION binds on those fills: 0.05 held, one more 0.01 would pass the 0.05 limit.
    publishTrade("50000");
    SignalValidationResponse answer = buyUntilPriced();
    assertThat(answer.getApproved()).as(answer.toString()).isFalse();
    assertThat(answer.getRejectCode()).isEqualTo(RejectReason.MAX_POSITION);
  }

  private void publishTrade(String price) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    MarketDataEvent event =
        MarketDataEvent.newBuilder()
            .setHeader(Header.newBuilder().setExchange("coinbase").setSymbol("BTC-USD"))
            .setTradeUpdate(
                TradeUpdate.newBuilder().setTradeId("t1").setPrice(price).setQuantity("1"))
            .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer
          .send(new ProducerRecord<>("normalized", "BTC-USD", event.toByteArray()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** A BUY signal to the risk engine, again until it has read a price (bounded). */
  private SignalValidationResponse buyUntilPriced() {
    ManagedChannel toRisk =
        Grpc.newChannelBuilder("127.0.0.1:" + risk.grpcPort(), InsecureChannelCredentials.create())
            .build();
    channels.add(toRisk);
    TradingSignal signal =
        TradingSignal.newBuilder()
            .setStrategyId("it")
            .setSymbol("BTC-USD")
            .setSide("BUY")
            .setConfidence(0.9)
            .setMode(TradingMode.PAPER)
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    SignalValidationResponse answer;
    do {
      answer =
          RiskValidatorGrpc.newBlockingStub(toRisk)
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .validateSignal(signal);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    } while (answer.getRejectCode() == RejectReason.NO_MARKET_PRICE
        && System.nanoTime() < deadline);
    return answer;
  }

  @Test
  void noReportIsLostAcrossAKafkaOutageOrARestartOfEitherService() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    riskEngine();
    String a = placeWithRetries(Fault.ACCEPT_THEN_500, "0.02", stable, canary);
    exchange.fill(a, "0.005", "50000");
    awaitPositionEqualsFills("before the outage");

    // Kafka away: the fill is applied and its report waits in the outbox (Redis).
    kafka.stop(Duration.ofSeconds(20));
    exchange.fill(a, "0.003", "50001");
    await(
        "the fill applied while Kafka is away",
        Duration.ofSeconds(15),
        () -> status(stable, a).getFilledQuantity().equals("0.008"));
    assertThat(jedis.llen("oasis:orders:outbox")).as("reports kept in the outbox").isPositive();
    kafka = kafka.restart();
    awaitPositionEqualsFills("after Kafka came back");

    // Both order managers away while the exchange fills: reconciled when one starts.
    orderManagers.remove("stable").shutdown();
    orderManagers.remove("canary").shutdown();
    exchange.fill(a, "0.002", "50002");
    ManagedChannel restarted = orderManager("stable");
    awaitPositionEqualsFills("after a restart of the order manager");
    assertThat(status(restarted, a).getFilledQuantity()).isEqualTo("0.01");

    // The risk engine away while the exchange fills: nothing lost, nothing counted twice.
    risk.shutdown();
    risk = null;
    exchange.fill(a, "0.004", "50003");
    riskEngine();
    awaitPositionEqualsFills("after a restart of the risk engine");
    String b = placeWithRetries(null, "0.01", restarted);
    exchange.fill(b, "0.01", "50004");
    awaitPositionEqualsFills("after a new order, the replay of the topic long done");
    assertThat(positions.position("BTC-USD")).isEqualByComparingTo("0.024");
    assertEveryFillWasReported(5);
  }

  @Test
  void aCancelKeepsTheFillsMadeBeforeIt() throws Exception {
    ManagedChannel stable = orderManager("stable");
    ManagedChannel canary = orderManager("canary");
    riskEngine();
    String id = placeWithRetries(Fault.ACCEPT_THEN_TIMEOUT, "0.01", stable, canary);
    exchange.fill(id, "0.003", "49990");

    OrderState canceled =
        OrderExecutorGrpc.newBlockingStub(stable)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .cancelOrder(
                trading.contracts.CancelOrderRequest.newBuilder().setClientOrderId(id).build());

    assertThat(canceled.getStatus()).isEqualTo(trading.contracts.OrderStatus.CANCELED);
    assertThat(canceled.getFilledQuantity()).isEqualTo("0.003");
    awaitPositionEqualsFills("after the cancel");
    assertThat(positions.position("BTC-USD")).isEqualByComparingTo("0.003");
    Set<String> statuses = new HashSet<>();
    statuses.add(status(canary, id).getStatus().name());
    assertThat(statuses).containsExactly("CANCELED");
  }
}
