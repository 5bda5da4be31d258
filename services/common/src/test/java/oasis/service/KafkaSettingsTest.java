package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import oasis.service.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void brokersDefaultToTheLocalEmbeddedBroker() {
    assertThat(KafkaSettings.from(ServiceConfig.of(Map.of())).bootstrapServers())
        .isEqualTo("127.0.0.1:19092");
  }

  @Test
  void producerIsIdempotentAndConsumerCommitsByHand() {
    KafkaSettings kafka = KafkaSettings.from(ServiceConfig.of(Map.of("KAFKA_BROKERS", "a:1, b:2")));

    assertThat(kafka.bootstrapServers()).isEqualTo("a:1,b:2");
    assertThat(kafka.producer("p"))
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all");
    assertThat(kafka.consumer("g", "c")).containsEntry("enable.auto.commit", false);
  }

  @Test
  void kafkaAcceptsTheProducerAndConsumerProperties() {
    KafkaSettings kafka = KafkaSettings.from(ServiceConfig.of(Map.of()));

    try (var producer =
            new KafkaProducer<>(
                kafka.producer("p"), new StringSerializer(), new StringSerializer());
        var consumer =
            new KafkaConsumer<>(
                kafka.consumer("g", "c"), new StringDeserializer(), new StringDeserializer())) {
      assertThat(producer.metrics()).isNotEmpty();
      assertThat(consumer.metrics()).isNotEmpty();
    }
  }

  @Test
  void brokerWithoutPortIsRejected() {
    assertThatThrownBy(() -> KafkaSettings.from(ServiceConfig.of(Map.of("KAFKA_BROKERS", "kafka"))))
        .hasMessage("KAFKA_BROKERS=\"kafka\" is not allowed: expected host:port[,host:port...]");
  }
}
