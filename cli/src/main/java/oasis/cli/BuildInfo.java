package oasis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and commit this CLI was built from, filtered into the jar by the build. */
public record BuildInfo(String version, String commit, boolean dirty) {

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        orUnknown(p.getProperty("version")),
        orUnknown(p.getProperty("commit")),
        Boolean.parseBoolean(p.getProperty("dirty")));
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  /** One line: {@code oasis 0.1.0 (commit 1a2b3c4, dirty)}. */
  public String describe() {
    return "oasis " + version + " (commit " + commit + (dirty ? ", dirty" : "") + ")";
  }
}
