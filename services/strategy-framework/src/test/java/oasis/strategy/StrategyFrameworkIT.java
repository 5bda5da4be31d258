package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
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
      // trades published before the group is assigned are skipped (it starts at the live end)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() < 2 && System.nanoTime() < deadline) {
        publishCycle();
        Thread.sleep(500);
      }
      assertThat(received).as("signals from momentum crossovers").hasSizeGreaterThanOrEqualTo(2);
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

      // pause: trades keep flowing, no signal goes out
      command(StrategyRunnerTest.bot(BotStatus.PAUSED));
      await(
          "the pause applied",
          () -> strategy.metrics().scrapeText().contains("result=\"APPLIED\""));
      Thread.sleep(500);
      int beforePause = received.size();
      publishCycle();
      publishCycle();
      Thread.sleep(2000);
      assertThat(received).as("nothing sent while paused").hasSize(beforePause);

      // resume in REAL mode: the next signals carry it
      command(
          StrategyRunnerTest.config(
              SetStrategyConfig.newBuilder()
                  .setStrategyId("momentum")
                  .setMode(TradingMode.REAL)
                  .setRealMoney(true)));
      command(StrategyRunnerTest.bot(BotStatus.RUNNING));
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() == beforePause && System.nanoTime() < deadline) {
        publishCycle();
        Thread.sleep(500);
      }
      assertThat(received.subList(beforePause, received.size()))
          .isNotEmpty()
          .extracting(TradingSignal::getMode)
          .containsOnly(TradingMode.REAL);
    } finally {
      strategy.shutdown();
      risk.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
