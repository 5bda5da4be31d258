package oasis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gRPC probe's deadline bounds the service's answer, not the connection: on a loaded machine the
 * CLI's own channel set-up took most of the one-second deadline, and ready services were reported
 * unready (a no-op deploy then restarted everything). Here a proxy holds the connection's first
 * bytes for longer than the deadline, as a busy machine does, while the service answers at once.
 */
class ProbesTest {
  private Server server;
  private ServerSocket proxy;
  private final CountDownLatch held = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new HealthStatusManager().getHealthService())
            .build()
            .start();
    proxy = new ServerSocket(0, 50, InetAddress.getByName(Probes.HOST));
    Thread accept = new Thread(this::proxyConnections, "slow-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  @AfterEach
  void stop() throws IOException {
    held.countDown();
    proxy.close();
    server.shutdownNow();
  }

  @Test
  void aServiceThatAnswersAtOnceIsReadyThoughConnectingTookLongerThanTheDeadline() {
    // The server lives in this JVM: its first call loads and links the server side, which at load
    // 20 took longer than the deadline. A real service is a warm process of its own, so warm ours
    // (directly, not through the proxy) before the probe that is judged.
    Probes.grpcHealth(server.getPort()); // not judged: only the warm-up
    assertThat(Probes.grpcHealth(proxy.getLocalPort())).isNull();
  }

  @Test
  void aPortNobodyListensOnFailsAtOnceNamingTheRefusal() throws IOException {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(Probes.HOST))) {
      free = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    String why = Probes.grpcHealth(free);
    assertThat(why).contains("127.0.0.1:" + free, "UNAVAILABLE");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
        .as("a refused connection is not waited on for the connect bound")
        .isLessThan(2500);
  }

  /** Forwards each connection to the server after holding it 1.5 s, longer than the deadline. */
  private void proxyConnections() {
    while (!proxy.isClosed()) {
      try {
        Socket client = proxy.accept();
        Thread t =
            new Thread(
                () -> {
                  try (client;
                      Socket upstream = new Socket(Probes.HOST, server.getPort())) {
                    held.await(1500, TimeUnit.MILLISECONDS); // the fault: a slow first connection
                    Thread back = pipe(upstream.getInputStream(), client.getOutputStream());
                    pipe(client.getInputStream(), upstream.getOutputStream()).join();
                    back.join();
                  } catch (IOException | InterruptedException e) {
                    // the probe closed its side
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static Thread pipe(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(out);
                out.close();
              } catch (IOException e) {
                // one side closed
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
