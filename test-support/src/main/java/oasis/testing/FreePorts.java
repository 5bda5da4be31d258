package oasis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;

/** Ports that were free a moment ago, so tests run beside each other and beside staging. */
public final class FreePorts {

  private FreePorts() {}

  /** A free port not yet in {@code taken}, which it is added to. */
  public static int next(Set<Integer> taken) {
    for (int i = 0; i < 100; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        int port = s.getLocalPort();
        if (taken.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new IllegalStateException("no free port", e);
      }
    }
    throw new IllegalStateException("no free port after 100 attempts");
  }

  /** {@code size} consecutive free ports starting at the returned one. */
  public static int block(int size) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("no free port", e);
      }
      // kept below the kernel's ephemeral range's top, where a block would run out of ports
      if (base <= 60000 && allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports");
  }

  private static boolean allFree(int base, int size) {
    for (int p = base; p < base + size; p++) {
      try (ServerSocket s = new ServerSocket(p)) {
        // free
      } catch (IOException busy) {
        return false;
      }
    }
    return true;
  }
}
