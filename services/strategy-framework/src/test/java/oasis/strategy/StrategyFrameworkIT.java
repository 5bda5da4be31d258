package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import oasis.control.v1.BotStatus;
import oasis.control.v1.ControlCommand;
import oasis.control.v1.SetStrategyConfig;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.testkit.KafkaBrokerProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * The strategy framework against a real broker: trades in from the normalized topic, signals out to
 * a RiskValidator on loopback gRPC, control commands from the control topic.
 */
class StrategyFrameworkIT {
  /** One momentum cycle for windows 2/4: a BUY at the 6th price, a SELL at the 9th. */
  private static final String[] CYCLE = {"10", "10", "9", "9", "9", "12", "12", "12", "8", "8"};

  private static KafkaBrokerProcess kafka;
  private static final String APPLIED = "strategy_control_commands_total{result=\"APPLIED\"";
  private static KafkaProducer<String, byte[]> producer;
  private final List<TradingSignal> received = new CopyOnWriteArrayList<>();
  private long sequence;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBrokerProcess.builder().topic("normalized", 3).topic("control", 1).start();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  @AfterAll
  static void stopKafka() {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private void publishCycle() throws Exception {
    for (String price : CYCLE) {
      Instant time = Instant.ofEpochSecond(1_700_000_000L + sequence++);
      MarketDataEvent event =
          MarketDataEvent.newBuilder()
              .setHeader(
                  Header.newBuilder()
                      .setExchange("coinbase")
                      .setSymbol("BTC-USD")
                      .setExchangeTimestamp(
                          Timestamp.newBuilder().setSeconds(time.getEpochSecond())))
              .setTradeUpdate(
                  TradeUpdate.newBuilder().setTradeId("t").setPrice(price).setQuantity("1"))
              .build();
      producer.send(new ProducerRecord<>("normalized", "BTC-USD", event.toByteArray()));
    }
    producer.flush();
  }

  private static void command(ControlCommand command) throws Exception {
    producer
        .send(new ProducerRecord<>("control", "c", command.toByteArray()))
        .get(10, TimeUnit.SECONDS);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Publishes a cycle and waits until the strategy counted all of it. */
  private void drain(ServiceRuntime strategy) throws Exception {
    double processed = counter(strategy, "strategy_trades_processed_total");
    publishCycle();
    await(
        "a cycle processed",
        () -> counter(strategy, "strategy_trades_processed_total") >= processed + CYCLE.length);
  }

  /**
   * The sum of the series that start with {@code prefix} (a name, or a name and its first label
   * such as {@code x{result="APPLIED"}) in the strategy's metrics; 0 when absent.
   */
  private static double counter(ServiceRuntime strategy, String prefix) {
    return strategy
        .metrics()
        .scrapeText()
        .lines()
        .filter(
            l ->
                l.startsWith(prefix)
                    && l.length() > prefix.length()
                    && "{ ,".indexOf(l.charAt(prefix.length())) >= 0)
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static void awaitAtMost(Duration bound, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void tradesBecomeSignalsAndControlCommandsPauseAndSwitchThemAtRunTime() throws Exception {
    Server risk =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                new RiskValidatorGrpc.RiskValidatorImplBase() {
                  @Override
                  public void validateSignal(
                      TradingSignal signal, StreamObserver<SignalValidationResponse> out) {
                    received.add(signal);
                    out.onNext(
                        SignalValidationResponse.newBuilder()
                            .setApproved("BUY".equals(signal.getSide()))
                            .build());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("STRATEGY_GRPC_PORT", "0");
    env.put("STRATEGY_METRICS_PORT", "0");
    env.put("NORMALIZED_MARKET_TOPIC", "normalized");
    env.put("CONTROL_COMMAND_TOPIC", "control");
    env.put("STRATEGY_CONSUMER_GROUP", "strategy-it");
    env.put("RISK_ENGINE_GRPC_ADDR", "127.0.0.1:" + risk.getPort());
    env.put("STRATEGY_PARAMETERS", "momentum.short_window=2,momentum.long_window=4");
    ServiceRuntime strategy = StrategyFrameworkService.start(ServiceConfig.of(env));
    try {
      // Trades published before the group is assigned are skipped (it starts at the live end):
      // publish until the strategy has counted one, then two whole cycles make a BUY and a SELL.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (counter(strategy, "strategy_trades_processed_total") == 0) {
        assertThat(System.nanoTime()).as("waiting for the group assignment").isLessThan(deadline);
        publishCycle();
        awaitAtMost(
            Duration.ofSeconds(1), () -> counter(strategy, "strategy_trades_processed_total") > 0);
      }
      publishCycle();
      publishCycle();
      await(
          "a BUY and a SELL from the momentum crossovers",
          () -> received.stream().map(TradingSignal::getSide).distinct().count() == 2);
      assertThat(received)
          .allSatisfy(
              s -> {
                assertThat(s.getStrategyId()).isEqualTo("momentum");
                assertThat(s.getMode()).isEqualTo(TradingMode.PAPER);
              });
      assertThat(received).extracting(TradingSignal::getSide).contains("BUY", "SELL");
      await(
          "accepted and rejected verdicts counted",
          () -> {
            String text = strategy.metrics().scrapeText();
            return text.contains("strategy_signal_validation_result_total{status=\"accepted\"")
                && text.contains("strategy_trades_processed_total");
          });

      // pause: trades keep flowing, no signal goes out. Once the strategy has counted trades
      // published after the pause took effect, no signal of an earlier trade is still in flight.
      command(StrategyRunnerTest.bot(BotStatus.PAUSED));
      await("the pause applied", () -> counter(strategy, APPLIED) >= 1);
      drain(strategy);
      int beforePause = received.size();
      double processed = counter(strategy, "strategy_trades_processed_total");
      publishCycle();
      publishCycle();
      await(
          "the 20 trades published while paused processed",
          () -> counter(strategy, "strategy_trades_processed_total") >= processed + 20);
      assertThat(received)
          .as("nothing sent while paused (running, these 20 trades make 4 signals)")
          .hasSize(beforePause);

      // resume in REAL mode: the next signals carry it
      command(
          StrategyRunnerTest.config(
              SetStrategyConfig.newBuilder()
                  .setStrategyId("momentum")
                  .setMode(TradingMode.REAL)
                  .setRealMoney(true)));
      command(StrategyRunnerTest.bot(BotStatus.RUNNING));
      await("both commands applied", () -> counter(strategy, APPLIED) >= 3);
      publishCycle();
      publishCycle();
      await("signals after the resume", () -> received.size() >= beforePause + 2);
      // a snapshot: signals keep arriving, and a live sub-list of them fails on the next one
      List<TradingSignal> after = List.copyOf(received);
      assertThat(after.subList(beforePause, after.size()))
          .extracting(TradingSignal::getMode)
          .containsOnly(TradingMode.REAL);
    } finally {
      strategy.shutdown();
      risk.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
