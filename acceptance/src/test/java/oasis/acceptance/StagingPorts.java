package oasis.acceptance;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  private FileChannel channel;
  private FileLock lock;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Files.createDirectories(LOCK.getParent());
    channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = channel.lock(); // waits while the other JVM's IT holds the ports
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (lock != null) {
      lock.release();
    }
    if (channel != null) {
      channel.close();
    }
  }
}
