package oasis.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oasis.service.ServiceConfig;
import oasis.service.routing.WeightedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gRPC over loopback with the kit's credentials: only a client with a CA-signed cert gets in. */
class MutualTlsIT {

  @TempDir Path dir;
  @TempDir Path otherDir;
  TestCertificates pki;
  Server server;

  @BeforeEach
  void start() throws Exception {
    pki = TestCertificates.in(dir);
    TransportSecurity serverTls = pki.leaf("server");
    HealthStatusManager health = new HealthStatusManager();
    server =
        Grpc.newServerBuilderForPort(0, serverTls.grpcServer())
            .addService(health.getHealthService())
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static ServingStatus check(ManagedChannel channel) {
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance())
          .getStatus();
    } finally {
      channel.shutdownNow();
    }
  }

  private String address() {
    return "localhost:" + server.getPort();
  }

  @Test
  void clientWithCertificateFromTheCaIsServedThroughTheKitsChannel() {
    pki.leaf("client");
    ServiceConfig config =
        ServiceConfig.of(
            Map.of(
                TransportSecurity.CA, pki.ca().toString(),
                TransportSecurity.CERT, dir.resolve("client.crt").toString(),
                TransportSecurity.KEY, dir.resolve("client.key").toString()));

    assertThat(check(WeightedChannel.forComponent(config, "peer", address())))
        .isEqualTo(ServingStatus.SERVING);
    assertThat(check(WeightedChannel.forComponent(config, "peer", "127.0.0.1:" + server.getPort())))
        .as("the IP address is in the SANs too")
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    ManagedChannel noCert =
        Grpc.newChannelBuilder(
                address(),
                TlsChannelCredentials.newBuilder().trustManager(pki.ca().toFile()).build())
            .build();

    assertThatThrownBy(() -> check(noCert))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void plaintextClientIsRefused() {
    ManagedChannel plain =
        Grpc.newChannelBuilder(address(), InsecureChannelCredentials.create()).build();

    assertThatThrownBy(() -> check(plain)).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void clientWithCertificateOfAnotherCaIsRefused() throws Exception {
    TransportSecurity stranger = TestCertificates.in(otherDir).leaf("client");
    ManagedChannel other =
        Grpc.newChannelBuilder(
                address(),
                TlsChannelCredentials.newBuilder()
                    .keyManager(
                        stranger.files().get().cert().toFile(),
                        stranger.files().get().key().toFile())
                    .trustManager(pki.ca().toFile())
                    .build())
            .build();

    assertThatThrownBy(() -> check(other)).isInstanceOf(StatusRuntimeException.class);
  }
}
