package oasis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;

/** Writes the {@code --report} file of a command that checks something (preflight, smoke). */
final class ReportFiles {

  private ReportFiles() {}

  /** Writes {@code text} to {@code file}, making (and naming) its directory; failure: exit 2. */
  static void write(Path file, String text, java.util.function.Consumer<String> progress) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        // Kept for CI paths such as build/reports/, but said: a typo must not go unnoticed.
        Files.createDirectories(parent);
        progress.accept("created directory " + parent + " for the report");
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OasisException(
          OasisException.Kind.BAD_INPUT,
          "cannot write the report to " + file + ": " + e.getMessage(),
          "Pass a --report path in a writable directory.",
          e);
    }
  }
}
