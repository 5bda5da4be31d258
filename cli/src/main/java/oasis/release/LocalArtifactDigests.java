package oasis.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import oasis.config.ComponentConfig;
import oasis.core.OasisException;

/**
 * Artifact digests from what {@code oasis build} recorded in {@code .oasis/build/digests.yaml}
 * ({@code components: {NAME: {digest: sha256:HEX, source: PATH}}, protoDescriptorSet: {digest,
 * source}}); for anything not recorded there, the sha256 of the jar under the module's {@code
 * target/} and of {@code proto/target/classes/oasis/contracts.desc}. Kept artifacts go to the
 * content-addressed store {@code .oasis/artifacts/sha256/HEX}.
 */
public final class LocalArtifactDigests implements ArtifactDigests {

  public static final String BUILD_RECORD = ".oasis/build/digests.yaml";
  public static final String DESCRIPTOR_SET = "proto/target/classes/oasis/contracts.desc";
  public static final String STORE = ".oasis/artifacts";

  /** The file {@code oasis build} writes; every field optional. */
  public record BuildRecord(
      Map<String, ReleaseManifest.Artifact> components,
      ReleaseManifest.Artifact protoDescriptorSet) {
    public BuildRecord {
      components = components == null ? Map.of() : Map.copyOf(components);
    }
  }

  private final Path projectDir;
  private final BuildRecord recorded;

  public LocalArtifactDigests(Path projectDir) {
    this.projectDir = projectDir;
    this.recorded = readRecord(projectDir.resolve(BUILD_RECORD));
  }

  @Override
  public Optional<ReleaseManifest.Artifact> component(String name, ComponentConfig component) {
    ReleaseManifest.Artifact artifact = recorded.components().get(name);
    if (artifact != null) {
      return Optional.of(artifact);
    }
    return builtJar(projectDir.resolve(component.module())).map(this::hash);
  }

  @Override
  public Optional<ReleaseManifest.Artifact> protoDescriptorSet() {
    if (recorded.protoDescriptorSet() != null) {
      return Optional.of(recorded.protoDescriptorSet());
    }
    Path desc = projectDir.resolve(DESCRIPTOR_SET);
    return Files.isRegularFile(desc) ? Optional.of(hash(desc)) : Optional.empty();
  }

  /** {@code target/<module-name>.jar}, else the only runnable-looking jar in {@code target/}. */
  static Optional<Path> builtJar(Path module) {
    Path target = module.resolve("target");
    Path named = target.resolve(module.getFileName() + ".jar");
    if (Files.isRegularFile(named)) {
      return Optional.of(named);
    }
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
              .filter(p -> !p.getFileName().toString().startsWith("original-"))
              .toList();
      return jars.size() == 1 ? Optional.of(jars.get(0)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target, e);
    }
  }

  @Override
  public void keep(ReleaseManifest.Artifact artifact) throws IOException {
    Path stored = projectDir.resolve(STORE).resolve("sha256").resolve(artifact.hex());
    Path source = projectDir.resolve(artifact.source());
    if (Files.exists(stored) || !Files.isRegularFile(source)) {
      return;
    }
    Files.createDirectories(stored.getParent());
    Path temp = Files.createTempFile(stored.getParent(), artifact.hex(), ".tmp");
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      if (!("sha256:" + sha256(temp)).equals(artifact.digest())) {
        throw OasisException.conflict(
            artifact.source() + " changed since its digest " + artifact.digest() + " was taken",
            "Do not build while releasing; run oasis release again.");
      }
      Files.move(temp, stored, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private ReleaseManifest.Artifact hash(Path file) {
    return new ReleaseManifest.Artifact(
        "sha256:" + sha256(file), projectDir.relativize(file).toString().replace('\\', '/'));
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

  private static BuildRecord readRecord(Path file) {
    if (!Files.isRegularFile(file)) {
      return new BuildRecord(null, null);
    }
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), BuildRecord.class);
    } catch (IOException e) {
      throw new OasisException(
          OasisException.Kind.BAD_INPUT,
          "the build record " + file + " cannot be read: " + e.getMessage(),
          "Rebuild with oasis build (it rewrites the file), or delete it.",
          e);
    }
  }
}
