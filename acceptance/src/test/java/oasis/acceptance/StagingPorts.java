package oasis.acceptance;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Held by each acceptance IT that deploys the repository's own environments on their fixed ports
 * (staging's 9091-9095, 50051-50055, 19092, 16379, and the docker engine's): the ITs run in two
 * JVMs, and only one of those may hold the ports at a time. An IT on ports of its own (the secured
 * environment) runs beside them. A file lock, so it holds across the JVMs and is released by the
 * operating system if a JVM dies.
 */
public final class StagingPorts implements BeforeAllCallback, AfterAllCallback {
  private static final Path LOCK = Path.of("target", "staging-ports.lock");

  private CrossJvmLock lock;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    lock = CrossJvmLock.hold(LOCK); // waits while the other JVM's IT holds the ports
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (lock != null) {
      lock.close();
    }
  }
}
