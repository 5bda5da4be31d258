package oasis.runtime.local;

import java.nio.file.Path;
import oasis.runtime.Probes;
import oasis.security.ClientTls;

/** The readiness and liveness checks of each instance kind, shared by supervisor and status. */
final class Readiness {

  static final String KAFKA_READY_LINE = "oasis-kafka ready";

  private Readiness() {}

  /** Null when ready, else why not (naming host and port). */
  static String ready(LocalSpec spec, Path log, long logOffset) {
    return switch (spec.kind()) {
      case SERVICE -> {
        Integer metrics = spec.metricsPort();
        String why = metrics == null ? null : Probes.http(metrics, "/readyz");
        if (why == null && spec.grpcPort() != null) {
          why = Probes.grpcHealth(spec.grpcPort(), credentials(spec));
        }
        yield why;
      }
      case KAFKA -> {
        int port = spec.ports().get("bootstrap");
        if (!Probes.logContains(log, logOffset, KAFKA_READY_LINE)) {
          yield "no '"
              + KAFKA_READY_LINE
              + "' line yet (broker at "
              + Probes.HOST
              + ":"
              + port
              + ")";
        }
        yield Probes.tcp(port);
      }
      case REDIS -> Probes.redisPing(spec.ports().get("redis"), ssl(spec));
    };
  }

  /**
   * oasis's client credentials for a service of a secured environment (mutual TLS), found beside
   * the CA the service is given; null when it runs in plaintext.
   */
  static io.grpc.ChannelCredentials credentials(LocalSpec spec) {
    String ca = spec.env().get("OASIS_TLS_CA");
    return ca == null ? null : ClientTls.inPki(Path.of(ca).getParent()).grpc();
  }

  /** The TLS context for a redis-server started with {@code --tls-port}; null: plaintext. */
  static javax.net.ssl.SSLContext ssl(LocalSpec spec) {
    int at = spec.command().indexOf("--tls-ca-cert-file");
    return at < 0 ? null : ClientTls.inPki(Path.of(spec.command().get(at + 1)).getParent()).ssl();
  }

  /** Null while alive, else why not. */
  static String live(LocalSpec spec) {
    return switch (spec.kind()) {
      case SERVICE ->
          spec.metricsPort() == null ? null : Probes.http(spec.metricsPort(), "/healthz");
      case KAFKA -> Probes.tcp(spec.ports().get("bootstrap"));
      case REDIS -> Probes.redisPing(spec.ports().get("redis"), ssl(spec));
    };
  }
}
