package oasis.artifact;

import java.util.ArrayList;
import java.util.List;
import oasis.config.ProjectConfig;

/**
 * Something {@code oasis build} turns into a runnable artifact: a component, or infrastructure that
 * the project builds itself (the embedded Kafka broker).
 *
 * @param name the component or infrastructure name of {@code oasis.yaml}
 * @param module its Maven module, relative to the project directory
 * @param mainClass the class a target runs
 */
public record Buildable(String name, String module, String mainClass) {

  public static final String EMBEDDED_KAFKA_MODULE = "services/embedded-kafka";
  public static final String EMBEDDED_KAFKA_MAIN = "oasis.kafka.EmbeddedKafkaMain";

  /** Every buildable of the project: components first, then Kafka infrastructure. */
  public static List<Buildable> all(ProjectConfig config) {
    List<Buildable> all = new ArrayList<>();
    config.components().forEach((n, c) -> all.add(new Buildable(n, c.module(), c.mainClass())));
    config
        .infrastructure()
        .forEach(
            (n, i) -> {
              if ("kafka".equals(i.kind())) {
                all.add(new Buildable(n, EMBEDDED_KAFKA_MODULE, EMBEDDED_KAFKA_MAIN));
              }
            });
    return all;
  }
}
