package oasis.preflight;

import java.nio.file.Path;

/**
 * One thing a check found: where (file relative to the project, line from 1; 0 when the whole file
 * is meant), what, and how to fix it.
 */
public record Finding(Status status, Path file, int line, String message, String fix) {

  public static Finding fail(Path file, int line, String message, String fix) {
    return new Finding(Status.FAIL, file, line, message, fix);
  }

  public static Finding warn(Path file, int line, String message, String fix) {
    return new Finding(Status.WARN, file, line, message, fix);
  }

  /** {@code file:line: message; fix: ...}. */
  public String describe() {
    String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
    return where + message + (fix == null ? "" : "; fix: " + fix);
  }
}
