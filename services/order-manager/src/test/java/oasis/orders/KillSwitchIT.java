package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import oasis.control.v1.CommandType;
import oasis.control.v1.ControlCommand;
import oasis.control.v1.SetKillSwitch;
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
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderRequest;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;

/** The kill switch as a control command on a real broker, obeyed by running and new instances. */
class KillSwitchIT {
  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBrokerProcess.builder().topic("control-k", 3).topic("reports-k", 1).start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ServiceRuntime orderManager() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("CONTROL_COMMAND_TOPIC", "control-k");
    env.put("NORMALIZED_MARKET_TOPIC", "normalized-k");
    env.put("EXECUTION_REPORTS_TOPIC", "reports-k");
    env.put("PAPER_SEED_PRICES", "BTC-USD=100");
    env.put("ORDER_MANAGER_GRPC_PORT", "0");
    env.put("ORDER_MANAGER_METRICS_PORT", "0");
    return OrderManagerService.start(ServiceConfig.of(env));
  }

  private static void command(boolean engaged, long issuedAt) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    ControlCommand command =
        ControlCommand.newBuilder()
            .setCommandId("kill-" + issuedAt)
            .setType(CommandType.SET_KILL_SWITCH)
            .setIssuedAt(Timestamp.newBuilder().setSeconds(issuedAt))
            .setIssuedBy("it")
            .setSetKillSwitch(
                SetKillSwitch.newBuilder().setEngaged(engaged).setReason("runaway strategy"))
            .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer
          .send(new ProducerRecord<>("control-k", command.getCommandId(), command.toByteArray()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static OrderRequest limit(String clientId) {
    return OrderRequest.newBuilder()
        .setClientOrderId(clientId)
        .setSymbol("BTC-USD")
        .setSide("BUY")
        .setOrderType("LIMIT")
        .setQuantity("0.01")
        .setPrice("90")
        .setStrategyId("it")
        .build();
  }

  private static OrderExecutorGrpc.OrderExecutorBlockingStub stub(ManagedChannel channel) {
    return OrderExecutorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static boolean refused(ManagedChannel channel, String clientId) {
    try {
      stub(channel).executeOrder(limit(clientId));
      return false;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION;
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  @Test
  void aKillCommandCancelsWorkingOrdersAndStopsRunningAndNewInstancesUntilReleased()
      throws Exception {
    ServiceRuntime running = orderManager();
    ManagedChannel channel =
        Grpc.newChannelBuilder(
                "127.0.0.1:" + running.grpcPort(), InsecureChannelCredentials.create())
            .build();
    ServiceRuntime later = null;
    ManagedChannel laterChannel = null;
    try {
      assertThat(stub(channel).executeOrder(limit("resting")).getStatus()).isEqualTo("ACCEPTED");
      long now = Instant.now().getEpochSecond();

      command(true, now);

      OrderStatusRequest resting =
          OrderStatusRequest.newBuilder().setClientOrderId("resting").build();
      await(
          "the resting order canceled",
          () -> stub(channel).getOrderStatus(resting).getStatus() == OrderStatus.CANCELED);
      assertThat(refused(channel, "during")).isTrue();
      assertThatThrownBy(() -> stub(channel).executeOrder(limit("during-2")))
          .hasMessageContaining("kill switch is engaged")
          .hasMessageContaining("runaway strategy");

      // An instance started after the kill reads it from the topic before it trades.
      later = orderManager();
      laterChannel =
          Grpc.newChannelBuilder(
                  "127.0.0.1:" + later.grpcPort(), InsecureChannelCredentials.create())
              .build();
      ManagedChannel second = laterChannel;
      await("the new instance killed", () -> refused(second, "late"));

      command(false, now + 1);
      await("trading resumed", () -> !refused(channel, "after"));
      await("trading resumed on the new instance", () -> !refused(second, "after-2"));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      running.shutdown();
      if (laterChannel != null) {
        laterChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      if (later != null) {
        later.shutdown();
      }
    }
  }
}
