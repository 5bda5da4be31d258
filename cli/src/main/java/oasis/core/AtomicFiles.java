package oasis.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Writes state files so that a crash leaves either the old content or the new one: temp file in the
 * same directory, fsync, rename over the target, fsync of the directory.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  public static void write(Path file, byte[] content) {
    write(file, content, false);
  }

  /** Like {@link #write(Path, byte[])}; {@code privateFile} makes it readable by its owner only. */
  public static void write(Path file, byte[] content, boolean privateFile) {
    write(file, content, privateFile, true);
  }

  /**
   * Replaces {@code file} atomically for its readers without making it durable: for a file that
   * matters only while its writer and its reader run (a request to a live command), where the two
   * fsyncs would only delay the reader.
   */
  public static void publish(Path file, byte[] content) {
    write(file, content, false, false);
  }

  private static void write(Path file, byte[] content, boolean privateFile, boolean durable) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        if (privateFile) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        if (durable) {
          ch.force(true);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      if (durable) {
        fsyncDirectory(dir);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Makes a rename or a new file in {@code dir} durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException suppressed) {
      // The write already failed and says so; a stale temp file is ignored by every reader.
    }
  }
}
