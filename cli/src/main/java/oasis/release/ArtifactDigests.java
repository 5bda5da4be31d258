package oasis.release;

import java.util.Optional;
import oasis.config.ComponentConfig;

/**
 * Where a release reads the sha256 of each component's artifact and of the proto descriptor set.
 * The build ({@code oasis build}) plugs in here: {@link LocalArtifactDigests} reads what it records
 * in {@code .oasis/build/digests.yaml}, else hashes the jars under each module's {@code target/}.
 */
public interface ArtifactDigests {

  /** The built artifact of a component, or empty when it has not been built. */
  Optional<ReleaseManifest.Artifact> component(String name, ComponentConfig component);

  /** The proto descriptor set, or empty when the proto module has not been built. */
  Optional<ReleaseManifest.Artifact> protoDescriptorSet();
}
