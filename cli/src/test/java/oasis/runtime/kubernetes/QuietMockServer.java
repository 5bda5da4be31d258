package oasis.runtime.kubernetes;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The mock API server logs every request at INFO; the tests need its failures only. */
public final class QuietMockServer {

  /** Held: java.util.logging forgets the level of a logger nobody references. */
  static final Logger LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    LOGGER.setLevel(Level.WARNING);
  }

  private QuietMockServer() {}

  public static void quiet() {
    // loading the class is enough
  }
}
