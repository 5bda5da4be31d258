package oasis.strategy;

import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.service.ConfigException;
import oasis.service.PeerReadiness;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;
import oasis.service.routing.WeightedChannel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import trading.contracts.RiskValidatorGrpc;

/**
 * Wires the strategy framework onto the service kit: the trade and control-command consumers,
 * signals to the risk engine, readiness on Kafka and a reachable risk engine, and a shutdown that
 * commits offsets.
 */
public final class StrategyFrameworkService {
  /** Component name, as in oasis.yaml. */
  public static final String COMPONENT = "strategy-framework";

  /** Prefix of the service's port variables. */
  public static final String PREFIX = "STRATEGY";

  private StrategyFrameworkService() {}

  /** Adds the strategy framework to a service being built and starts its consumers. */
  public static void configure(ServiceRuntime.Builder service) {
    StrategyConfig config = StrategyConfig.from(values(service.config()));
    KafkaSettings kafka = KafkaSettings.from(service.config());
    String clientId = service.identity().instanceId();
    StrategyRunner runner;
    try {
      runner = new StrategyRunner(StrategyRunner.discover(), config.parameters());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("STRATEGY_PARAMETERS: " + e.getMessage());
    }
    StrategyMetrics metrics =
        new StrategyMetrics(
            service.metrics().registry(),
            Labels.of(
                "version", service.identity().version(), "track", service.identity().track()));

    KafkaReadiness kafkaUp = new KafkaReadiness(kafka);
    ManagedChannel riskEngine =
        WeightedChannel.forComponent(service.config(), "risk-engine", config.riskEngineAddress());
    service
        .readinessCheck("kafka", kafkaUp)
        .readinessCheck(
            "risk-engine " + config.riskEngineAddress(),
            new PeerReadiness(riskEngine, Duration.ofSeconds(1)))
        .onShutdown("kafka readiness", kafkaUp::close)
        .onShutdown(
            "risk-engine channel",
            () -> riskEngine.shutdown().awaitTermination(2, TimeUnit.SECONDS));

    SignalDispatcher dispatcher =
        new SignalDispatcher(
            runner,
            new GrpcSignalSender(
                RiskValidatorGrpc.newBlockingStub(riskEngine),
                config.riskEngineDeadline(),
                config.riskEngineAttempts()),
            metrics);
    Properties tradeProps = consumer(kafka, config.consumerGroup(), clientId + "-trades");
    // A new group starts at the live end: replaying old trades would send stale signals.
    tradeProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    TradeConsumerLoop trades =
        new TradeConsumerLoop(
            new KafkaConsumer<>(tradeProps), config.marketTopic(), config.symbol(), dispatcher);
    ControlCommandLoop commands =
        new ControlCommandLoop(
            new KafkaConsumer<>(consumer(kafka, COMPONENT + "-control", clientId + "-control")),
            config.controlTopic(),
            dispatcher);
    Thread commandThread = new Thread(commands, "control-commands");
    Thread tradeThread = new Thread(trades, "trade-consumer");
    service
        .readinessCheck("trade consumer", tradeThread::isAlive)
        .onShutdown("control commands", () -> stop(commands::stop, commandThread))
        .onShutdown("trade consumer commit", () -> stop(trades::stop, tradeThread));
    commandThread.start();
    tradeThread.start();
  }

  /** Builds and starts the strategy framework with the given configuration (tests, tools). */
  public static ServiceRuntime start(ServiceConfig config) throws java.io.IOException {
    ServiceRuntime.Builder service = ServiceRuntime.builder(COMPONENT, PREFIX, config);
    configure(service);
    return service.start();
  }

  private static void stop(Runnable stop, Thread thread) throws InterruptedException {
    stop.run();
    thread.join(5_000);
  }

  private static Map<String, String> values(ServiceConfig config) {
    Map<String, String> values = new HashMap<>();
    for (String name : StrategyConfig.VARIABLES) {
      config.raw(name).ifPresent(value -> values.put(name, value));
    }
    return values;
  }

  private static Properties consumer(KafkaSettings kafka, String group, String clientId) {
    Properties p = kafka.consumer(group, clientId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
