package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.KafkaBrokerProcess;
import oasis.testkit.RedisServerProcess;
import oasis.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trading.contracts.CancelOrderRequest;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.OrderType;

/** The order manager against a real Kafka broker and a real redis-server. */
class OrderManagerIT {
  private static KafkaBrokerProcess kafka;
  private static RedisServerProcess redis;

  @BeforeAll
  static void startInfrastructure() {
    kafka =
        KafkaBrokerProcess.builder()
            .topic("normalized-a", 3)
            .topic("reports-a", 3)
            .topic("normalized-b", 3)
            .topic("reports-b", 3)
            .start();
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopInfrastructure() {
    if (redis != null) {
      redis.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static OrderRequest request(
      String clientId, String symbol, OrderType type, String price) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientId)
        .setSymbol(symbol)
        .setSide("BUY")
        .setOrderType(type.name())
        .setQuantity("0.01")
        .setPrice(price)
        .setStrategyId("it")
        .build();
  }

  private static OrderExecutorGrpc.OrderExecutorBlockingStub stub(ManagedChannel channel) {
    return OrderExecutorGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
  }

  private static void publishTrade(String topic, String symbol, String price) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    MarketDataEvent event =
        MarketDataEvent.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setExchange("coinbase")
                    .setSymbol(symbol)
                    .setExchangeTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L)))
            .setTradeUpdate(
                TradeUpdate.newBuilder()
                    .setTradeId(UUID.randomUUID().toString())
                    .setPrice(price)
                    .setQuantity("0.5"))
            .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer
          .send(new ProducerRecord<>(topic, symbol, event.toByteArray()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void paperOrdersFillAtTheLastNormalizedPriceAndEveryStepIsReportedOnKafka() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("NORMALIZED_MARKET_TOPIC", "normalized-a");
    env.put("EXECUTION_REPORTS_TOPIC", "reports-a");
    env.put("ORDER_MANAGER_GRPC_PORT", "0");
    env.put("ORDER_MANAGER_METRICS_PORT", "0");
    ServiceRuntime service = OrderManagerService.start(ServiceConfig.of(env));
    ManagedChannel channel = channel(service.grpcPort());
    try {
      // given: no trade yet, so no price
      OrderSubmissionResponse early =
          stub(channel).executeOrder(request("early", "BTC-USD", OrderType.MARKET, ""));
      assertThat(early.getStatus()).isEqualTo("REJECTED");
      assertThat(early.getDetails()).contains("no market price for BTC-USD");

      // when: trades arrive on the normalized topic
      publishTrade("normalized-a", "BTC-USD", "64000.5");
      publishTrade("normalized-a", "BTC-USD", "64250.12");
      OrderSubmissionResponse filled = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int i = 0; System.nanoTime() < deadline; i++) {
        filled = stub(channel).executeOrder(request("try-" + i, "BTC-USD", OrderType.MARKET, ""));
        if (filled.getStatus().equals("FILLED") && filled.getAveragePrice().equals("64250.12")) {
          break;
        }
        Thread.sleep(100);
      }

      // then: filled at the last price, reported NEW, ACCEPTED, FILLED on the reports topic
      assertThat(filled.getStatus()).isEqualTo("FILLED");
      assertThat(filled.getAveragePrice()).isEqualTo("64250.12");
      List<ExecutionReport> reports = readReports("reports-a", filled.getOrderId(), 3);
      assertThat(reports)
          .extracting(ExecutionReport::getStatus)
          .containsExactly(OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.FILLED);
      assertThat(reports.get(2).getLastPrice()).isEqualTo("64250.12");
      assertThat(reports.get(2).getCumulativeQuantity()).isEqualTo("0.01");
      assertThat(service.metrics().scrapeText())
          .contains(
              "order_execution_latency_seconds_count{mode=\"paper\",track=\"stable\",version=\"0.0.0-dev\"}");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      service.shutdown();
    }
  }

  private static List<ExecutionReport> readReports(String topic, String orderId, int expected)
      throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ExecutionReport> reports = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (reports.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (orderId.equals(record.key())) {
            reports.add(ExecutionReport.parseFrom(record.value()));
          }
        }
      }
    }
    return reports;
  }

  @Test
  void everyAcknowledgedOrderIsReportedWithItsStateAfterASigkillAndRestart() throws Exception {
    Map<String, OrderSubmissionResponse> acknowledged = new ConcurrentHashMap<>();
    Map<String, String> expectedStatus = new ConcurrentHashMap<>();
    try (ServiceProcess manager =
        ServiceProcess.builder(OrderManagerMain.class.getName(), "ORDER_MANAGER")
            .env("KAFKA_BROKERS", kafka.bootstrapServers())
            .env("NORMALIZED_MARKET_TOPIC", "normalized-b")
            .env("EXECUTION_REPORTS_TOPIC", "reports-b")
            .env("ORDER_MANAGER_USE_REDIS", "1")
            .env("REDIS_URL", redis.url())
            .env("PAPER_SEED_PRICES", "BTC-USD=50000.25")
            .start()) {
      ManagedChannel channel = channel(manager.grpcPort());
      try {
        // given: filled, resting, canceled and rejected orders, all acknowledged
        for (int i = 0; i < 20; i++) {
          OrderSubmissionResponse r =
              stub(channel).executeOrder(request("fill-" + i, "BTC-USD", OrderType.MARKET, ""));
          acknowledged.put(r.getClientOrderId(), r);
        }
        for (int i = 0; i < 5; i++) {
          OrderSubmissionResponse r =
              stub(channel).executeOrder(request("rest-" + i, "BTC-USD", OrderType.LIMIT, "40000"));
          acknowledged.put(r.getClientOrderId(), r);
        }
        OrderState canceled =
            stub(channel)
                .cancelOrder(
                    CancelOrderRequest.newBuilder()
                        .setClientOrderId("rest-0")
                        .setReason("it")
                        .build());
        expectedStatus.put("rest-0", canceled.getStatus().name());
        OrderSubmissionResponse rejected =
            stub(channel).executeOrder(request("no-price", "ETH-USD", OrderType.MARKET, ""));
        acknowledged.put(rejected.getClientOrderId(), rejected);

        // and: a load still running while the process is killed
        AtomicBoolean load = new AtomicBoolean(true);
        Thread loader =
            new Thread(
                () -> {
                  for (int i = 0; load.get(); i++) {
                    try {
                      OrderSubmissionResponse r =
                          stub(channel)
                              .executeOrder(request("load-" + i, "BTC-USD", OrderType.MARKET, ""));
                      acknowledged.put(r.getClientOrderId(), r);
                    } catch (StatusRuntimeException e) {
                      return; // the process is gone: this one was never acknowledged
                    }
                  }
                });
        loader.start();
        Thread.sleep(300);

        // when
        manager.kill();
        load.set(false);
        loader.join(10_000);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      acknowledged.forEach((id, r) -> expectedStatus.putIfAbsent(id, r.getStatus()));
      assertThat(acknowledged.keySet()).as("acknowledged before the kill").hasSizeGreaterThan(30);

      manager.restart();
      ManagedChannel again = channel(manager.grpcPort());
      try {
        // then: every acknowledged order is known with the state it was acknowledged in
        for (Map.Entry<String, OrderSubmissionResponse> e : acknowledged.entrySet()) {
          OrderState state =
              stub(again)
                  .getOrderStatus(
                      OrderStatusRequest.newBuilder().setClientOrderId(e.getKey()).build());
          assertThat(state.getOrderId()).as(e.getKey()).isEqualTo(e.getValue().getOrderId());
          assertThat(state.getStatus().name())
              .as(e.getKey())
              .isEqualTo(expectedStatus.get(e.getKey()));
        }
        assertThat(expectedStatus.get("fill-3")).isEqualTo("FILLED");
        assertThat(expectedStatus.get("rest-1")).isEqualTo("ACCEPTED");
        assertThat(expectedStatus.get("rest-0")).isEqualTo("CANCELED");
        assertThat(expectedStatus.get("no-price")).isEqualTo("REJECTED");

        // and: a retried submit across the restart returns the same order
        OrderSubmissionResponse retry =
            stub(again).executeOrder(request("fill-7", "BTC-USD", OrderType.MARKET, ""));
        assertThat(retry.getOrderId()).isEqualTo(acknowledged.get("fill-7").getOrderId());
        assertThat(retry.getAveragePrice()).isEqualTo("50000.25");

        // and: the orders-by-status gauge is rebuilt from Redis
        assertThat(manager.metrics())
            .contains(
                "order_manager_orders{status=\"CANCELED\",track=\"stable\",version=\"0.0.0-dev\"} 1.0");
      } finally {
        again.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
