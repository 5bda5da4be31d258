package oasis.acceptance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A lock that holds across the acceptance ITs' two test JVMs: a file lock, released by the
 * operating system if a JVM dies.
 */
final class CrossJvmLock implements AutoCloseable {

  /**
   * Held while a measurement stands for a user's machine with one environment on it: the smoke
   * suite's wall time right after a deploy is a user's figure, and on two cores it must not be
   * taken while the secured environment (TLS, SCRAM, a second broker and five services) comes up
   * beside it. The secured bring-up holds it too, so the two take turns.
   */
  static final Path QUIET_MACHINE = Path.of("target", "quiet-machine.lock");

  private final FileChannel channel;
  private final FileLock lock;

  private CrossJvmLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits while the other JVM holds {@code file}. */
  static CrossJvmLock hold(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return new CrossJvmLock(channel, channel.lock());
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
