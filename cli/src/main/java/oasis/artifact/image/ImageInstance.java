package oasis.artifact.image;

/**
 * One image the build is asked for, in its own terms (the image code knows no plan, so the
 * runtime's types never leak into it): the key of the returned references, the component whose
 * artifact it carries, and what its HEALTHCHECK probes by default.
 *
 * @param name the key of this image in the returned maps (a plan's instance name)
 * @param component the component (or the broker, or Redis) the image is of
 * @param kind what kind of process runs in it
 * @param artifact the artifact digest it carries; null for Redis
 * @param mainClass the artifact's main class; null for Redis
 * @param probe the probe {@link HealthProbe} runs by default, e.g. {@code http:9100/readyz}
 */
public record ImageInstance(
    String name, String component, Kind kind, String artifact, String mainClass, String probe) {

  /** What runs in an image; Kafka and Redis may instead run a configured image. */
  public enum Kind {
    SERVICE,
    KAFKA,
    REDIS
  }
}
