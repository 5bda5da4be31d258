package oasis.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import oasis.artifact.ArtifactStore;
import oasis.config.ComponentConfig;
import oasis.core.OasisException;
import oasis.state.StateLayout;

/**
 * Artifact digests from what {@code oasis build} recorded in {@code .oasis/builds/digests.yaml}
 * ({@code components: {NAME: {digest: sha256:HEX, source: PATH}}}): the digests of the
 * content-addressed store ({@link oasis.artifact.ArtifactStore}) that deploy and rollback run from,
 * so a release pins exactly what they install. The proto descriptor set is hashed where the build
 * writes it, {@code proto/target/classes/oasis/contracts.desc}.
 */
public final class LocalArtifactDigests implements ArtifactDigests {

  public static final String BUILD_RECORD = ".oasis/builds/digests.yaml";
  public static final String DESCRIPTOR_SET = "proto/target/classes/oasis/contracts.desc";

  /** The file {@code oasis build} writes; every field optional. */
  public record RecordedDigests(
      Map<String, ReleaseManifest.Artifact> components,
      ReleaseManifest.Artifact protoDescriptorSet) {
    public RecordedDigests {
      components = components == null ? Map.of() : Map.copyOf(components);
    }
  }

  private final Path projectDir;
  private final RecordedDigests recorded;
  private final ArtifactStore store;

  public LocalArtifactDigests(Path projectDir) {
    this.projectDir = projectDir;
    StateLayout state = StateLayout.ofProject(projectDir);
    this.recorded = readRecord(state.releaseDigestsToRead());
    this.store = new ArtifactStore(state.root());
  }

  /** The component's artifact as the last build stored it; empty when it was never built. */
  @Override
  public Optional<ReleaseManifest.Artifact> component(String name, ComponentConfig component) {
    return Optional.ofNullable(recorded.components().get(name));
  }

  @Override
  public Optional<ReleaseManifest.Artifact> infrastructure(String name) {
    return Optional.ofNullable(recorded.components().get(name));
  }

  @Override
  public Optional<ReleaseManifest.Artifact> protoDescriptorSet() {
    if (recorded.protoDescriptorSet() != null) {
      return Optional.of(recorded.protoDescriptorSet());
    }
    Path desc = projectDir.resolve(DESCRIPTOR_SET);
    return Files.isRegularFile(desc)
        ? Optional.of(
            new ReleaseManifest.Artifact(
                "sha256:" + sha256(desc),
                projectDir.relativize(desc).toString().replace('\\', '/')))
        : Optional.empty();
  }

  /** A release pins only what the store holds: deploy of that version must find every artifact. */
  @Override
  public void keep(ReleaseManifest.Artifact artifact) {
    if (!store.contains(artifact.digest())) {
      throw OasisException.conflict(
          "artifact "
              + artifact.digest()
              + " ("
              + artifact.source()
              + ") is not in the store "
              + projectDir.relativize(store.root()),
          "Run oasis build, then release again.");
    }
  }

  /** The sha256 of a file, 64 lowercase hex digits. */
  public static String sha256(Path file) {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static RecordedDigests readRecord(Path file) {
    if (!Files.isRegularFile(file)) {
      return new RecordedDigests(null, null);
    }
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), RecordedDigests.class);
    } catch (IOException e) {
      throw new OasisException(
          OasisException.Kind.BAD_INPUT,
          "the build record " + file + " cannot be read: " + e.getMessage(),
          "Rebuild with oasis build (it rewrites the file), or delete it.",
          e);
    }
  }
}
