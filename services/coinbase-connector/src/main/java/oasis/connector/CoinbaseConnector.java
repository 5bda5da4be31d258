package oasis.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;
import oasis.service.marketdata.TradeIds;

/** Wires the connector: feed → handler → Kafka, with its readiness checks and shutdown steps. */
final class CoinbaseConnector {
  static final String COMPONENT = "coinbase-connector";
  static final String PREFIX = "CONNECTOR";

  private CoinbaseConnector() {}

  /** Adds the connector to a service being built and starts its feed. */
  static void configure(ServiceRuntime.Builder service) {
    ConnectorSettings settings = ConnectorSettings.from(service.config());
    KafkaSettings kafka = KafkaSettings.from(service.config());
    ConnectorMetrics metrics = new ConnectorMetrics(service.metrics());
    KafkaTradePublisher publisher = new KafkaTradePublisher(kafka, settings.rawTopic(), metrics);
    ProductClock productClock = new ProductClock(metrics, settings.productIds());
    FeedHandler handler =
        new FeedHandler(
            publisher,
            metrics,
            new TradeIds(FeedHandler.REORDER_TOLERANCE, FeedHandler.WINDOW),
            productClock);
    Feed feed = feed(settings, handler, productClock, metrics);
    handler.onGap(feed::resubscribe);
    KafkaReadiness kafkaUp = new KafkaReadiness(kafka);
    service
        .readinessCheck("kafka", kafkaUp)
        .readinessCheck("feed", feed::connected)
        .onShutdown("kafka producer flush", publisher::close)
        .onShutdown("kafka readiness", kafkaUp::close)
        .onShutdown("feed", feed::close);
    feed.start();
  }

  /** Builds and starts the connector with the given configuration (tests, tools). */
  static ServiceRuntime start(ServiceConfig config) throws IOException {
    ServiceRuntime.Builder service = ServiceRuntime.builder(COMPONENT, PREFIX, config);
    configure(service);
    return service.start();
  }

  private static Feed feed(
      ConnectorSettings settings, FeedHandler handler, ProductClock clock, ConnectorMetrics m) {
    if (settings.simulated()) {
      return new SimulatedFeed(
          settings.productIds(),
          settings.channels(),
          settings.simulatedRate(),
          settings.simulatedFaults(),
          handler::onMessage,
          Clock.systemUTC());
    }
    return new WebSocketFeed(
        settings.feedUrl(),
        subscribeMessage(settings),
        handler::onMessage,
        new Backoff(settings.reconnectMin(), settings.reconnectMax()),
        product -> subscribeMessage(List.of(product), settings.channels()),
        settings.idleTimeout(),
        clock,
        m);
  }

  /** {@code {"type":"subscribe","product_ids":[...],"channels":[...]}}. */
  static String subscribeMessage(ConnectorSettings settings) {
    return subscribeMessage(settings.productIds(), settings.channels());
  }

  /** The subscribe request for {@code products} on {@code channels}. */
  static String subscribeMessage(List<String> products, List<String> channels) {
    ObjectNode message = new ObjectMapper().createObjectNode().put("type", "subscribe");
    products.forEach(message.putArray("product_ids")::add);
    channels.forEach(message.putArray("channels")::add);
    return message.toString();
  }
}
