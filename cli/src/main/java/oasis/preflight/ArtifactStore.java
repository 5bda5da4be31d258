package oasis.preflight;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an artifact is still in the project's content-addressed store. The file-system store
 * keeps artifact {@code sha256:HEX} at {@code .oasis/artifacts/sha256/HEX} (a file or a directory);
 * the build writes it, preflight only asks.
 */
@FunctionalInterface
public interface ArtifactStore {

  /** Whether the artifact with this digest ({@code sha256:HEX}) is present. */
  boolean contains(String digest);

  /** The store under {@code root} (normally {@code .oasis/artifacts}). */
  static ArtifactStore fileSystem(Path root) {
    return digest -> {
      int colon = digest.indexOf(':');
      if (colon <= 0 || !digest.substring(colon + 1).matches("[0-9a-f]{16,128}")) {
        return false;
      }
      return Files.exists(
          root.resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1)));
    };
  }
}
