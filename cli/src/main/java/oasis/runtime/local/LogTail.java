package oasis.runtime.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The last lines of a process's log file, and the lines it writes next. */
final class LogTail {

  /** How often a followed log is read again. */
  private static final long FOLLOW_MS = 200;

  private LogTail() {}

  /** The last {@code n} lines of {@code file}; none when it does not exist. */
  static List<String> of(Path file, int n) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<String> lines =
          List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** Every whole line {@code log} gets from now on, until the thread is interrupted. */
  static void follow(Path log, Consumer<String> sink) throws InterruptedException {
    long pos = size(log);
    StringBuilder partial = new StringBuilder();
    while (!Thread.currentThread().isInterrupted()) {
      long len = size(log);
      if (len < pos) {
        pos = 0; // truncated
      }
      if (len > pos) {
        pos += read(log, pos, len, partial);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          sink.accept(partial.substring(0, nl));
          partial.delete(0, nl + 1);
        }
      }
      Thread.sleep(FOLLOW_MS);
    }
  }

  /** Appends up to a MiB of {@code log} from {@code pos}; returns how many bytes it read. */
  private static int read(Path log, long pos, long len, StringBuilder into) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      f.seek(pos);
      byte[] buf = new byte[(int) Math.min(len - pos, 1 << 20)];
      f.readFully(buf);
      into.append(new String(buf, StandardCharsets.UTF_8));
      return buf.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
