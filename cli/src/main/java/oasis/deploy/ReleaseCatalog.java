package oasis.deploy;

import java.util.Optional;

/**
 * Where {@code deploy VERSION} and {@code rollback VERSION} find the artifacts a release pinned.
 * The seam to the release engineer's {@code releases/vX.Y.Z.yaml} manifests.
 */
public interface ReleaseCatalog {

  /** The release with this version ({@code 1.2.3} or {@code v1.2.3}), if it exists. */
  Optional<Release> find(String version);
}
