package oasis.preflight;

import java.nio.file.Path;

/**
 * Whether an artifact is still in the project's content-addressed store. Preflight only asks; the
 * store itself is {@link oasis.artifact.ArtifactStore}, the one {@code oasis build} fills and
 * deploy runs from.
 */
@FunctionalInterface
public interface ArtifactPresence {

  /** Whether the artifact with this digest ({@code sha256:HEX}) is present. */
  boolean contains(String digest);

  /** The build's store of a project state directory (normally {@code .oasis}). */
  static ArtifactPresence of(Path stateDir) {
    return new oasis.artifact.ArtifactStore(stateDir)::contains;
  }
}
