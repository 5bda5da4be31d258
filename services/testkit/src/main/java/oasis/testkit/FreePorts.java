package oasis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback, for components a test starts. Chosen below the kernel's ephemeral
 * range (32768-60999 on Linux), not by binding port 0: a port from that range, free when chosen,
 * can become the local end of any process's outgoing connection before the component (a child JVM
 * that takes seconds to start on a loaded machine) binds it.
 */
public final class FreePorts {

  /**
   * The lowest and one past the highest port chosen: above the repository's fixed ports below the
   * ephemeral range (the highest, staging-secure's Kafka controller, is 20093).
   */
  static final int LOW = 21_000;

  static final int HIGH = 32_768;

  private FreePorts() {}

  /** One port free on 127.0.0.1 right now. */
  public static int find() {
    return find(1).get(0);
  }

  /** {@code count} distinct ports free on 127.0.0.1 right now (all held open while choosing). */
  public static List<Integer> find(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int attempt = 0; sockets.size() < count; attempt++) {
        if (attempt == 1000) {
          throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
        }
        int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
        try {
          sockets.add(new ServerSocket(port));
        } catch (IOException taken) {
          // in use: try another
        }
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
