package oasis.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How an environment with {@code target: docker} runs its containers.
 *
 * @param baseImage the JRE image service images build on: {@code offline} (the default: a JRE made
 *     from this machine's JDK with jlink, for hosts with no registry) or a public image such as
 *     {@code eclipse-temurin:17-jre}
 * @param kafkaImage an image that honours the embedded-kafka contract (services/README.md: its
 *     KAFKA_* variables and the {@code oasis-kafka ready} line readiness waits for), e.g. one built
 *     FROM oasis' own; public Kafka images do not and never become ready. Default: the
 *     embedded-kafka artifact on the base image
 * @param redisImage a Redis image (the official image's arguments); default: this machine's {@code
 *     redis-server} copied into an image, or none (services in memory) without it
 * @param restartPolicy {@code no}, {@code on-failure}, {@code always} or {@code unless-stopped}
 *     (default)
 */
public record DockerSettings(
    String baseImage, String kafkaImage, String redisImage, String restartPolicy) {

  public static final String OFFLINE = "offline";
  static final Set<String> RESTART_POLICIES =
      Set.of("no", "on-failure", "always", "unless-stopped");

  public DockerSettings {
    baseImage = baseImage == null || baseImage.isBlank() ? OFFLINE : baseImage.strip();
    restartPolicy = restartPolicy == null ? "unless-stopped" : restartPolicy;
  }

  public static DockerSettings defaults() {
    return new DockerSettings(null, null, null, null);
  }

  public boolean offlineBase() {
    return OFFLINE.equals(baseImage);
  }

  /** What is wrong, as (key, message, fix) triples. */
  List<String[]> problems() {
    List<String[]> out = new ArrayList<>();
    if (!RESTART_POLICIES.contains(restartPolicy)) {
      out.add(
          new String[] {
            "restartPolicy",
            "restartPolicy '" + restartPolicy + "' is not a Docker restart policy",
            "use one of: always, no, on-failure, unless-stopped"
          });
    }
    for (String[] image :
        new String[][] {
          {"baseImage", baseImage}, {"kafkaImage", kafkaImage}, {"redisImage", redisImage}
        }) {
      if (image[1] != null && !image[1].matches("[a-z0-9][a-z0-9._/:@-]*")) {
        out.add(
            new String[] {
              image[0],
              image[0] + " '" + image[1] + "' is not an image reference",
              "write e.g. eclipse-temurin:17-jre or registry.example.com/oasis/kafka:1.2"
            });
      }
    }
    return out;
  }
}
