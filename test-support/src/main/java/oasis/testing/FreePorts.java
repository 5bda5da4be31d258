package oasis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports that were free a moment ago, so tests run beside each other and beside staging. Chosen
 * below the kernel's ephemeral range (32768-60999 on Linux), not by binding port 0: a port from
 * that range, free when chosen, can become the local end of any process's outgoing connection
 * before the service the test starts (a JVM, seconds on a loaded machine) binds it.
 */
public final class FreePorts {

  /**
   * The lowest and one past the highest port chosen: above the repository's fixed ports below the
   * ephemeral range (the highest, staging-secure's Kafka controller, is 20093).
   */
  static final int LOW = 21_000;

  static final int HIGH = 32_768;

  private FreePorts() {}

  /** A free port not yet in {@code taken}, which it is added to. */
  public static int next(Set<Integer> taken) {
    for (int i = 0; i < 1000; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (!taken.contains(port) && free(port)) {
        taken.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
  }

  /** {@code size} consecutive free ports starting at the returned one. */
  public static int block(int size) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(LOW, HIGH - size);
      if (allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports");
  }

  private static boolean allFree(int base, int size) {
    for (int p = base; p < base + size; p++) {
      if (!free(p)) {
        return false;
      }
    }
    return true;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException busy) {
      return false;
    }
  }
}
