package oasis.service.kafka;

import java.util.Properties;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client settings from {@code KAFKA_BROKERS}: an idempotent producer that waits for all
 * replicas, and a consumer that commits only when told (after its output is produced).
 */
public record KafkaSettings(String bootstrapServers) {

  /** Reads {@code KAFKA_BROKERS} (default {@code 127.0.0.1:19092}), a list of host:port. */
  public static KafkaSettings from(ServiceConfig config) {
    String brokers = String.join(",", config.list("KAFKA_BROKERS", "127.0.0.1:19092"));
    for (String broker : brokers.split(",")) {
      int colon = broker.lastIndexOf(':');
      if (colon <= 0 || !broker.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new ConfigException(
            "KAFKA_BROKERS=\"" + brokers + "\" is not allowed: expected host:port[,host:port...]");
      }
    }
    return new KafkaSettings(brokers);
  }

  /** Producer properties: idempotent, {@code acks=all}, small linger. Add serializers. */
  public Properties producer(String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    // send() must not stall a feed or consumer thread for a minute when the brokers are away.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return p;
  }

  /** Consumer properties: manual commits, earliest offset for a new group. Add deserializers. */
  public Properties consumer(String groupId, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }
}
