package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;
import oasis.core.OasisException;

/** Connects to the Docker engine ({@code DOCKER_HOST}, else the local socket), bounded. */
public final class DockerEngine {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private DockerEngine() {}

  /**
   * A client whose engine answered a ping; no engine reachable is a conflict (exit 3) that names
   * the address.
   */
  public static DockerClient connect() {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    String host = config.getDockerHost().toString();
    DockerClient client =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(CONNECT_TIMEOUT)
                .build());
    try {
      client.pingCmd().exec();
      return client;
    } catch (RuntimeException e) {
      throw new OasisException(
          OasisException.Kind.CONFLICT,
          "no Docker engine reachable at " + host + ": " + OasisException.rootMessage(e),
          "Start it (dockerd, or 'systemctl start docker'), or point DOCKER_HOST at one;"
              + " environments with 'target: docker' and 'build --images' need it.",
          e);
    }
  }

  /** Whether an engine answers, for tests that must skip without one. */
  public static String unreachableReason() {
    try {
      connect().close();
      return null;
    } catch (OasisException e) {
      return e.getMessage();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
