package oasis.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of infrastructure the components need.
 *
 * @param kind {@code kafka} or {@code redis}
 * @param ports named ports on the local target
 * @param optional whether the system runs without it (Redis: services fall back to memory)
 * @param topics Kafka topics created at start, with their partition counts
 * @param dependsOn other infrastructure that must be ready first
 * @param resources container limits (docker target), or null for none
 */
public record InfrastructureConfig(
    String kind,
    Map<String, Integer> ports,
    Boolean optional,
    Map<String, TopicConfig> topics,
    List<String> dependsOn,
    Resources resources) {

  public InfrastructureConfig(
      String kind,
      Map<String, Integer> ports,
      Boolean optional,
      Map<String, TopicConfig> topics,
      List<String> dependsOn) {
    this(kind, ports, optional, topics, dependsOn, null);
  }

  public InfrastructureConfig {
    ports = ports == null ? Map.of() : new LinkedHashMap<>(ports);
    optional = optional != null && optional;
    topics = topics == null ? Map.of() : new LinkedHashMap<>(topics);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** A Kafka topic and its partition count. */
  public record TopicConfig(Integer partitions) {}
}
