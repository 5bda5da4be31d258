package oasis.release;

import java.util.Optional;
import oasis.config.ComponentConfig;

/**
 * Where a release reads the {@code sha256:HEX} digest of each component's artifact and of the proto
 * descriptor set. The build ({@code oasis build}) plugs in here: {@link LocalArtifactDigests} reads
 * what it records in {@code .oasis/builds/digests.yaml}.
 */
public interface ArtifactDigests {

  /** The built artifact of a component, or empty when it has not been built. */
  Optional<ReleaseManifest.Artifact> component(String name, ComponentConfig component);

  /**
   * The built artifact of infrastructure this repository builds (the embedded Kafka broker), or
   * empty when it is not built here.
   */
  Optional<ReleaseManifest.Artifact> infrastructure(String name);

  /** The proto descriptor set (its source must be a readable file), or empty when not built. */
  Optional<ReleaseManifest.Artifact> protoDescriptorSet();

  /**
   * Checks that a pinned artifact is in the content-addressed store that deploy and rollback run
   * from; exits 3 when it is not.
   */
  void keep(ReleaseManifest.Artifact artifact);
}
