package oasis.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import oasis.service.ServiceConfig;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  @Test
  void defaultsMatchTheRuntimeContract() {
    BrokerSettings settings = BrokerSettings.from(ServiceConfig.of(Map.of()));

    assertThat(settings.port()).isEqualTo(19092);
    assertThat(settings.controllerPort()).isEqualTo(19093);
    assertThat(settings.logDir()).isEmpty();
    assertThat(settings.topics()).isEmpty();
    assertThat(settings.bootstrap()).isEqualTo("127.0.0.1:19092");
  }

  @Test
  void topicsKeepTheirOrderAndPartitionCounts() {
    BrokerSettings settings =
        BrokerSettings.from(
            ServiceConfig.of(
                Map.of(
                    "KAFKA_TOPICS", "market-data.trades.coinbase:3, control.commands:1",
                    "KAFKA_LOG_DIR", "/var/tmp/k")));

    assertThat(settings.topics())
        .containsExactly(
            Map.entry("market-data.trades.coinbase", 3), Map.entry("control.commands", 1));
    assertThat(settings.logDir()).isEqualTo(Optional.of(Path.of("/var/tmp/k")));
  }

  @Test
  void malformedTopicsAreRejectedWithTheExpectedForm() {
    for (String bad : new String[] {"t", "t:0", "t:x", "bad name:1", "t:1:2"}) {
      assertThatThrownBy(() -> BrokerSettings.from(ServiceConfig.of(Map.of("KAFKA_TOPICS", bad))))
          .as(bad)
          .hasMessageStartingWith(
              "KAFKA_TOPICS=\"" + bad + "\" is not allowed: expected name:partitions");
    }
  }

  @Test
  void aContainerListensOnAllInterfacesAndAdvertisesItsName() {
    BrokerSettings settings =
        BrokerSettings.from(
            ServiceConfig.of(
                Map.of("KAFKA_LISTEN_HOST", "0.0.0.0", "KAFKA_ADVERTISED_HOST", "kafka")));

    assertThat(settings.listenHost()).isEqualTo("0.0.0.0");
    assertThat(settings.bootstrap()).isEqualTo("kafka:19092");
    assertThat(
            BrokerSettings.from(ServiceConfig.of(Map.of("KAFKA_LISTEN_HOST", "0.0.0.0")))
                .bootstrap())
        .isEqualTo("127.0.0.1:19092");
    assertThatThrownBy(
            () -> BrokerSettings.from(ServiceConfig.of(Map.of("KAFKA_ADVERTISED_HOST", "a b"))))
        .hasMessageStartingWith("KAFKA_ADVERTISED_HOST=\"a b\" is not allowed");
  }

  @Test
  void portsMustDiffer() {
    assertThatThrownBy(
            () ->
                BrokerSettings.from(
                    ServiceConfig.of(
                        Map.of("KAFKA_PORT", "1000", "KAFKA_CONTROLLER_PORT", "1000"))))
        .hasMessageContaining("KAFKA_CONTROLLER_PORT=\"1000\" is not allowed");
  }

  @Test
  void anExternalListenerGivesClientsOutsideTheContainerTheHostsAddress() {
    BrokerSettings settings =
        BrokerSettings.from(
            ServiceConfig.of(
                Map.of(
                    "KAFKA_LISTEN_HOST", "0.0.0.0",
                    "KAFKA_ADVERTISED_HOST", "kafka",
                    "KAFKA_EXTERNAL_PORT", "29092",
                    "KAFKA_EXTERNAL_ADVERTISED", "127.0.0.1:32790")));

    assertThat(settings.bootstrap()).isEqualTo("kafka:19092");
    assertThat(settings.external()).contains(new BrokerSettings.External(29092, "127.0.0.1:32790"));
    assertThat(BrokerSettings.from(ServiceConfig.of(Map.of())).external()).isEmpty();
  }

  @Test
  void anExternalListenerNeedsBothItsPortAndItsAddress() {
    assertThatThrownBy(
            () -> BrokerSettings.from(ServiceConfig.of(Map.of("KAFKA_EXTERNAL_PORT", "29092"))))
        .hasMessageStartingWith("KAFKA_EXTERNAL_PORT and KAFKA_EXTERNAL_ADVERTISED go together");
    assertThatThrownBy(
            () ->
                BrokerSettings.from(
                    ServiceConfig.of(
                        Map.of(
                            "KAFKA_EXTERNAL_PORT", "29092",
                            "KAFKA_EXTERNAL_ADVERTISED", "no-port"))))
        .hasMessageStartingWith("KAFKA_EXTERNAL_ADVERTISED=\"no-port\" is not allowed");
  }
}
