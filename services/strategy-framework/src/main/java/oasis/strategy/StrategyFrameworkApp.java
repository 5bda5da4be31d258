package oasis.strategy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.RiskValidatorGrpc;

/** Wires the strategy framework from its configuration and owns what must be closed at shutdown. */
public final class StrategyFrameworkApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StrategyFrameworkApp.class);

  private final HTTPServer metricsServer;
  private final ManagedChannel riskEngine;
  private final TradeConsumerLoop trades;
  private final ControlCommandLoop commands;
  private final Thread tradeThread;
  private final Thread commandThread;

  private StrategyFrameworkApp(
      HTTPServer metricsServer,
      ManagedChannel riskEngine,
      TradeConsumerLoop trades,
      ControlCommandLoop commands) {
    this.metricsServer = metricsServer;
    this.riskEngine = riskEngine;
    this.trades = trades;
    this.commands = commands;
    this.tradeThread = new Thread(trades, "trade-consumer");
    this.commandThread = new Thread(commands, "control-commands");
  }

  /** Starts everything and prints one ready line on stdout. */
  public static StrategyFrameworkApp start(Map<String, String> env) throws IOException {
    StrategyConfig config = StrategyConfig.from(env);
    List<StrategyFactory> factories = StrategyRunner.discover();
    StrategyRunner runner;
    try {
      runner = new StrategyRunner(factories, config.parameters());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("STRATEGY_PARAMETERS: " + e.getMessage());
    }
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    StrategyMetrics metrics = new StrategyMetrics(registry);
    ManagedChannel channel =
        Grpc.newChannelBuilder(config.riskEngineAddress(), InsecureChannelCredentials.create())
            .build();
    SignalDispatcher dispatcher =
        new SignalDispatcher(
            runner,
            new GrpcSignalSender(
                RiskValidatorGrpc.newBlockingStub(channel),
                config.riskEngineDeadline(),
                config.riskEngineAttempts()),
            metrics);
    TradeConsumerLoop trades =
        new TradeConsumerLoop(
            consumer(config, config.consumerGroup()),
            config.marketTopic(),
            config.symbol(),
            dispatcher);
    ControlCommandLoop commands =
        new ControlCommandLoop(consumer(config, null), config.controlTopic(), dispatcher);
    HTTPServer metricsServer =
        HTTPServer.builder().port(config.metricsPort()).registry(registry).buildAndStart();
    StrategyFrameworkApp app = new StrategyFrameworkApp(metricsServer, channel, trades, commands);
    app.commandThread.start();
    app.tradeThread.start();
    System.out.printf(
        "strategy-framework ready metrics=%d strategies=%s risk-engine=%s%n",
        metricsServer.getPort(),
        factories.stream().map(StrategyFactory::id).toList(),
        config.riskEngineAddress());
    System.out.flush();
    return app;
  }

  /** Blocks until the trade consumer stops. */
  public void awaitTermination() throws InterruptedException {
    tradeThread.join();
  }

  /** Stops consuming (offsets committed), then closes the channel and the metrics server. */
  @Override
  public void close() {
    trades.stop();
    commands.stop();
    try {
      tradeThread.join(10_000);
      commandThread.join(5_000);
      riskEngine.shutdown();
      if (!riskEngine.awaitTermination(2, TimeUnit.SECONDS)) {
        riskEngine.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted during shutdown");
    } finally {
      metricsServer.close();
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(StrategyConfig config, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBrokers());
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
