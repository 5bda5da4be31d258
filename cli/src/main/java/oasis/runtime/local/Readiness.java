package oasis.runtime.local;

import java.nio.file.Path;
import oasis.runtime.InstanceProbes;
import oasis.runtime.Probes;
import oasis.security.ClientTls;

/**
 * A local process as the contract's probes see it ({@link InstanceProbes}): its own ports on
 * loopback and its log file from where it started; shared by supervisor and status.
 */
final class Readiness implements InstanceProbes.Observed {

  private final LocalSpec spec;
  private final Path log;
  private final long logOffset;

  private Readiness(LocalSpec spec, Path log, long logOffset) {
    this.spec = spec;
    this.log = log;
    this.logOffset = logOffset;
  }

  /** {@code spec}'s process, whose log {@code log} it writes from byte {@code logOffset}. */
  static Readiness of(LocalSpec spec, Path log, long logOffset) {
    return new Readiness(spec, log, logOffset);
  }

  /** Null when ready, else why not (naming host and port). */
  static String ready(LocalSpec spec, Path log, long logOffset) {
    return InstanceProbes.ready(spec.launch().kind(), of(spec, log, logOffset));
  }

  /** Null while alive, else why not. */
  static String live(LocalSpec spec) {
    return InstanceProbes.live(spec.launch().kind(), of(spec, null, 0));
  }

  @Override
  public Integer port(String name) {
    return spec.launch().port(name);
  }

  @Override
  public boolean logShows(String line) {
    return log != null && Probes.logContains(log, logOffset, line);
  }

  @Override
  public String logPlace() {
    return "(broker at " + Probes.HOST + ":" + port("bootstrap") + ")";
  }

  /**
   * oasis's client credentials for a service of a secured environment (mutual TLS), found beside
   * the CA the service is given; null when it runs in plaintext.
   */
  @Override
  public io.grpc.ChannelCredentials grpcCredentials() {
    String ca = spec.launch().env().get("OASIS_TLS_CA");
    return ca == null ? null : ClientTls.inPki(Path.of(ca).getParent()).grpc();
  }

  /** The TLS context for a redis-server started with {@code --tls-port}; null: plaintext. */
  @Override
  public javax.net.ssl.SSLContext redisTls() {
    int at = spec.launch().command().indexOf("--tls-ca-cert-file");
    return at < 0
        ? null
        : ClientTls.inPki(Path.of(spec.launch().command().get(at + 1)).getParent()).ssl();
  }
}
