package oasis.runtime;

/** What runs in an instance, which decides how a target starts and probes it. */
public enum InstanceKind {
  /** A trading service: the runtime contract of services/README.md (probes, GetInfo). */
  SERVICE,
  /** The Kafka broker (embedded-kafka artifact locally). */
  KAFKA,
  /** Redis ({@code redis-server} locally). */
  REDIS
}
