package oasis.config;

import java.nio.file.Path;

/** One thing wrong in a project file: where it is, what is wrong, and how to fix it. */
public record Problem(Path file, int line, String message, String fix) {

  /** {@code oasis.yaml:12: message; fix: ...}, the file relative to {@code base}. */
  public String format(Path base) {
    Path shown = base != null && file.startsWith(base) ? base.relativize(file) : file;
    return shown + ":" + line + ": " + message + (fix == null ? "" : "; fix: " + fix);
  }
}
