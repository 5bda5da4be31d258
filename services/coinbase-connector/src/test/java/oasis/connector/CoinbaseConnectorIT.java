package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.FreePorts;
import oasis.testkit.KafkaBrokerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector against a local WebSocket server and a real Kafka broker process. */
class CoinbaseConnectorIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KafkaBrokerProcess kafka;

  private FakeFeedServer feed;
  private ServiceRuntime connector;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBrokerProcess.builder().topic("raw-ws", 3).topic("raw-sim", 3).start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (connector != null) {
      assertThat(connector.shutdown()).as("clean shutdown").isTrue();
    }
    if (feed != null) {
      feed.stop(2000);
    }
  }

  @Test
  void publishesTradesFromTheWebSocketFeedAndReconnectsAfterTheServerDrops() throws Exception {
    feed = new FakeFeedServer(FreePorts.find(), false);
    feed.start();
    assertThat(feed.started.await(10, TimeUnit.SECONDS)).isTrue();
    connector = start("ws://127.0.0.1:" + feed.getPort(), "raw-ws", Map.of());

    String subscribe = feed.subscribes.poll(10, TimeUnit.SECONDS);
    assertThat(subscribe)
        .isEqualTo(
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channels\":[\"matches\",\"heartbeat\"]}");
    List<ConsumerRecord<String, String>> records = consume("raw-ws", 5);

    assertThat(records).extracting(ConsumerRecord::key).containsOnly("BTC-USD", "ETH-USD");
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(FakeFeedServer.TRADES);
    String metrics = metrics();
    assertThat(metrics)
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"match\",version=\"2.0.0\"} 5.0")
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"heartbeat\",version=\"2.0.0\"} 2.0")
        .contains(
            "connector_ws_messages_total{track=\"stable\",type=\"error\",version=\"2.0.0\"} 1.0")
        .contains(
            "connector_trade_gaps_total{product_id=\"BTC-USD\",track=\"stable\",version=\"2.0.0\"} 1.0");
    assertThat(feed.subscribes.poll(10, TimeUnit.SECONDS))
        .as("the product with a gap is subscribed again")
        .isEqualTo(
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"matches\",\"heartbeat\"]}");

    feed.dropAll();

    assertThat(feed.subscribes.poll(10, TimeUnit.SECONDS))
        .as("subscribes again")
        .isEqualTo(subscribe);
    assertThat(metrics()).containsPattern("connector_ws_reconnects_total\\{[^}]*} [1-9]");
  }

  @Test
  void aFeedThatFallsSilentIsReconnected() throws Exception {
    feed = new FakeFeedServer(FreePorts.find(), true);
    feed.start();
    assertThat(feed.started.await(10, TimeUnit.SECONDS)).isTrue();
    connector =
        start(
            "ws://127.0.0.1:" + feed.getPort(),
            "raw-ws",
            Map.of("COINBASE_IDLE_TIMEOUT_MS", "300"));

    assertThat(feed.subscribes.poll(10, TimeUnit.SECONDS)).as("first subscribe").isNotNull();
    assertThat(feed.subscribes.poll(10, TimeUnit.SECONDS)).as("subscribe after idling").isNotNull();
    assertThat(metrics()).containsPattern("connector_ws_reconnects_total\\{[^}]*} [1-9]");
  }

  @Test
  void simulatedFeedPublishesAtItsRate() throws Exception {
    connector = start("sim://coinbase?rate=200", "raw-sim", Map.of());

    List<ConsumerRecord<String, String>> records = consume("raw-sim", 200);

    assertThat(records).hasSizeGreaterThanOrEqualTo(200);
    assertThat(records)
        .as("the last_match that answers the subscribe is a past trade: never published")
        .extracting(ConsumerRecord::value)
        .allMatch(v -> v.contains("\"type\":\"match\""));
    assertThat(ready()).isEqualTo(200);
  }

  private static ServiceRuntime start(String url, String topic, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("COINBASE_WS_URL", url);
    env.put("RAW_MARKET_TOPIC", topic);
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("CONNECTOR_GRPC_PORT", "0");
    env.put("CONNECTOR_METRICS_PORT", "0");
    env.put("COINBASE_RECONNECT_MIN_MS", "50");
    env.put("OASIS_VERSION", "2.0.0");
    env.putAll(extra);
    return CoinbaseConnector.start(ServiceConfig.of(env));
  }

  private String metrics() throws Exception {
    return get("/metrics").body();
  }

  private int ready() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int status = get("/readyz").statusCode();
    while (status != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = get("/readyz").statusCode();
    }
    return status;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.metricsPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** A local stand-in for the Coinbase feed: answers each subscribe with a fixed script. */
  private static final class FakeFeedServer extends WebSocketServer {
    static final List<String> TRADES =
        List.of(
            FeedHandlerTest.match("BTC-USD", 1),
            FeedHandlerTest.match("ETH-USD", 70),
            FeedHandlerTest.match("BTC-USD", 2),
            FeedHandlerTest.match("BTC-USD", 4),
            FeedHandlerTest.match("ETH-USD", 71));
    final BlockingQueue<String> subscribes = new LinkedBlockingQueue<>();
    final CountDownLatch started = new CountDownLatch(1);
    private final boolean silent;
    private int connections;

    FakeFeedServer(int port, boolean silent) {
      super(new InetSocketAddress("127.0.0.1", port));
      this.silent = silent;
      setReuseAddr(true);
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
      subscribes.add(message);
      if (connections++ > 0 || silent) {
        return;
      }
      conn.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"matches\"}]}");
      conn.send("{\"type\":\"heartbeat\",\"sequence\":1,\"product_id\":\"BTC-USD\"}");
      conn.send("{\"type\":\"error\",\"message\":\"test\",\"reason\":\"script\"}");
      TRADES.forEach(conn::send);
      // trade 3 of BTC-USD never came: the heartbeat says the product is at trade 4
      conn.send(
          "{\"type\":\"heartbeat\",\"sequence\":90,\"last_trade_id\":4,\"product_id\":\"BTC-USD\"}");
    }

    void dropAll() {
      getConnections().forEach(c -> c.close(1011, "test drops the connection"));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {
      ex.printStackTrace();
    }
  }
}
