package oasis.runtime;

import oasis.ops.v1.ServiceInfo;

/**
 * The readiness, liveness and reported version of each instance kind, as the runtime contract
 * defines them (services/README.md): a service's {@code /readyz} and gRPC health, the broker's
 * ready line and a connection, Redis's PING. A target supplies only where to look ({@link
 * Observed}).
 */
public final class InstanceProbes {

  /** A service's readiness endpoint on its metrics port. */
  public static final String READY_PATH = "/readyz";

  /** A service's liveness endpoint on its metrics port. */
  public static final String LIVE_PATH = "/healthz";

  private InstanceProbes() {}

  /**
   * What an instance's container health check probes ({@code OASIS_PROBE}, which the image's probe
   * class reads): a service's readiness endpoint on its metrics port, a connection to the broker,
   * Redis's PING.
   */
  public static String healthcheck(InstanceKind kind, java.util.Map<String, Integer> ports) {
    if (kind == InstanceKind.KAFKA) {
      return "tcp:" + ports.getOrDefault("bootstrap", 19092);
    }
    if (kind == InstanceKind.REDIS) {
      return "redis:" + ports.getOrDefault("redis", 6379);
    }
    if (ports.containsKey("metrics")) {
      return "http:" + ports.get("metrics") + READY_PATH;
    }
    return ports.isEmpty() ? "tcp:0" : "tcp:" + ports.values().iterator().next();
  }

  /** One instance as a target lets the probes reach it. */
  public interface Observed {

    /** The port named {@code name} as this process reaches it on {@link Probes#HOST}, or null. */
    Integer port(String name);

    /** Whether the instance's log shows {@code line} (since it started). */
    boolean logShows(String line);

    /** Where that log is, for a message that says where the line is missing. */
    String logPlace();

    /** oasis's client credentials for the service's gRPC (mutual TLS); null: plaintext. */
    default io.grpc.ChannelCredentials grpcCredentials() {
      return null;
    }

    /** The TLS context for Redis; null: plaintext. */
    default javax.net.ssl.SSLContext redisTls() {
      return null;
    }
  }

  /** Null when ready, else why not (naming host and port, or the log). */
  public static String ready(InstanceKind kind, Observed o) {
    return switch (kind) {
      case SERVICE -> {
        Integer metrics = o.port("metrics");
        Integer grpc = o.port("grpc");
        String why = metrics == null ? null : Probes.http(metrics, READY_PATH);
        if (why == null && grpc != null) {
          why = Probes.grpcHealth(grpc, o.grpcCredentials());
        }
        yield why;
      }
      case KAFKA -> {
        if (!o.logShows(RuntimeContract.KAFKA_READY_LINE)) {
          yield "no '" + RuntimeContract.KAFKA_READY_LINE + "' line yet " + o.logPlace();
        }
        yield tcp(o, "bootstrap");
      }
      case REDIS -> redis(o);
    };
  }

  /** Null while alive, else why not: a service's {@code /healthz}, else as readiness asks. */
  public static String live(InstanceKind kind, Observed o) {
    return switch (kind) {
      case SERVICE -> {
        Integer metrics = o.port("metrics");
        yield metrics == null ? null : Probes.http(metrics, LIVE_PATH);
      }
      case KAFKA -> tcp(o, "bootstrap");
      case REDIS -> redis(o);
    };
  }

  /**
   * The version a ready service reports over GetInfo, else {@code started} (the version it was
   * started with).
   */
  public static String version(InstanceKind kind, boolean ready, Observed o, String started) {
    Integer grpc = o.port("grpc");
    if (ready && kind == InstanceKind.SERVICE && grpc != null) {
      ServiceInfo info = Probes.info(grpc, o.grpcCredentials());
      if (info != null && !info.getVersion().isEmpty()) {
        return info.getVersion();
      }
    }
    return started;
  }

  private static String tcp(Observed o, String name) {
    Integer port = o.port(name);
    return port == null ? name + " port not published" : Probes.tcp(port);
  }

  private static String redis(Observed o) {
    Integer port = o.port("redis");
    return port == null ? "redis port not published" : Probes.redisPing(port, o.redisTls());
  }
}
