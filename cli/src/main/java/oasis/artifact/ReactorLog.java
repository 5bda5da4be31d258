package oasis.artifact;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.core.Steps;

/**
 * Follows Maven's log while it grows and reports how far the reactor is, from its {@code [INFO]
 * Building order-manager 1.0.0 [2/5]} lines (Maven without {@code -q} writes one per module).
 */
final class ReactorLog {

  static final String WORK = "maven";
  private static final Pattern BUILDING =
      Pattern.compile("\\[INFO] Building (.+?)\\s+\\[(\\d+)/(\\d+)]\\s*");

  private final Path log;
  private final Steps steps;
  private long offset;

  ReactorLog(Path log, Steps steps) {
    this.log = log;
    this.steps = steps;
  }

  /** Reads what the log gained since the last call; a line still being written waits. */
  void poll() {
    byte[] fresh;
    int complete = 0;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long length = f.length();
      if (length <= offset) {
        return;
      }
      fresh = new byte[(int) Math.min(length - offset, 1 << 20)];
      f.seek(offset);
      f.readFully(fresh);
    } catch (IOException e) {
      return; // not there yet, or gone: progress only, the build itself reads no log
    }
    for (int i = fresh.length - 1; i >= 0; i--) {
      if (fresh[i] == '\n') {
        complete = i + 1;
        break;
      }
    }
    if (complete == 0 && fresh.length == 1 << 20) {
      complete = fresh.length; // one line of a megabyte: not a reactor line, skip it
    }
    offset += complete;
    String text = new String(fresh, 0, complete, StandardCharsets.UTF_8);
    text.lines().forEach(l -> line(l.stripTrailing()));
  }

  private void line(String line) {
    Matcher m = BUILDING.matcher(line);
    if (m.matches()) {
      steps.step(WORK, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(1));
    }
  }
}
