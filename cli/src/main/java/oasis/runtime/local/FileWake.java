package oasis.runtime.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for one file of a directory to be written (the CLI's {@code desired.json} for the
 * supervisor, the supervisor's {@code state.json} for the CLI), so each side reacts to the other at
 * once instead of at its next poll, with the poll kept as the bound. Files are written by rename
 * ({@code AtomicFiles}), which the directory's watch reports as a creation. Where the file system
 * cannot watch, it is only the poll.
 */
final class FileWake implements AutoCloseable {

  private final Path name;
  private final WatchService watch;

  private FileWake(Path name, WatchService watch) {
    this.name = name;
    this.watch = watch;
  }

  /** Watches for writes of {@code file}; its directory must exist. */
  static FileWake of(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    WatchService watch;
    try {
      watch = FileSystems.getDefault().newWatchService();
      dir.register(
          watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException | UnsupportedOperationException e) {
      watch = null; // no watch here: the bound of every wait is the poll
    }
    return new FileWake(file.getFileName(), watch);
  }

  /**
   * Returns once the file was written since the last call, or after {@code most}, whichever comes
   * first. Writes of other files of the directory do not end the wait early.
   */
  void await(Duration most) throws InterruptedException {
    long deadline = System.nanoTime() + most.toNanos();
    if (watch == null) {
      TimeUnit.NANOSECONDS.sleep(most.toNanos());
      return;
    }
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
      if (key == null) {
        return;
      }
      boolean ours = false;
      for (WatchEvent<?> event : key.pollEvents()) {
        ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
      }
      key.reset();
      if (ours) {
        return;
      }
    }
  }

  @Override
  public void close() {
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // closing a watch frees its descriptor; nothing is lost if that fails
      }
    }
  }
}
