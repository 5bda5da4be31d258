package oasis.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import oasis.config.YamlFiles;
import oasis.core.OasisException;
import org.semver4j.Semver;

/**
 * The release manifests of a project, {@code releases/vX.Y.Z.yaml}: the one listing (oldest first
 * by SemVer precedence) and the one reader that release, preflight, promotion and deploy use.
 *
 * <p>A caller picks how strictly a manifest is read: {@link #manifest} binds it to {@link
 * ReleaseManifest} and rejects unknown keys (what {@code oasis release} wrote, read back by the
 * release engine and the promotion gate); {@link #document} reads it as a tree with the lines of
 * its keys, tolerating older or hand-written shapes (preflight reports on what is there, deploy
 * takes the digests it pins).
 */
public final class ReleaseRepository {

  private final Path projectDir;
  private final Path dir;

  /** The manifests under {@code projectDir/releases}. */
  public ReleaseRepository(Path projectDir) {
    this(projectDir, projectDir.resolve("releases"));
  }

  private ReleaseRepository(Path projectDir, Path dir) {
    this.projectDir = projectDir;
    this.dir = dir;
  }

  /** The manifests directly in {@code releasesDir}, wherever it is. */
  public static ReleaseRepository inDirectory(Path releasesDir) {
    Path dir = releasesDir.toAbsolutePath();
    return new ReleaseRepository(dir.getParent(), dir);
  }

  /** The directory of the manifests, {@code releases/}. */
  public Path dir() {
    return dir;
  }

  /** The manifest file of a version, whether it exists or not. */
  public Path manifestFile(Semver version) {
    return dir.resolve(SemVersions.tag(version) + ".yaml");
  }

  /** The notes file of a version, whether it exists or not. */
  public Path notesFile(Semver version) {
    return dir.resolve(SemVersions.tag(version) + ".md");
  }

  /** The descriptor set of a version, {@code releases/contracts/vX.Y.Z.desc}. */
  public Path descriptorFile(Semver version) {
    return dir.resolve("contracts").resolve(SemVersions.tag(version) + ".desc");
  }

  /**
   * Every manifest file whose name is a version ({@code v1.2.3.yaml}), oldest first by SemVer
   * precedence; none when the directory is missing.
   */
  public List<Path> manifests() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> version(p).isPresent())
          .sorted(
              (a, b) ->
                  SemVersions.PRECEDENCE.compare(
                      version(a).orElseThrow(), version(b).orElseThrow()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The version a manifest file stands for ({@code v1.2.3.yaml}), if its name is one. */
  public static Optional<Semver> version(Path manifest) {
    String n = manifest.getFileName().toString();
    return n.endsWith(".yaml")
        ? SemVersions.parseTag(n.substring(0, n.length() - ".yaml".length()))
        : Optional.empty();
  }

  /** Every released version with a manifest, oldest first (the order of {@link #manifests}). */
  public List<Semver> versions() {
    return manifests().stream().map(p -> version(p).orElseThrow()).toList();
  }

  /**
   * Strict: the manifest of {@code version} ({@code 1.2.3} or {@code v1.2.3}) bound to {@link
   * ReleaseManifest}; a malformed or unknown version, or a manifest with unknown keys, exits 2.
   */
  public ReleaseManifest manifest(String version) {
    Semver wanted = SemVersions.parse(version, "the release version");
    Path file =
        existing(wanted)
            .orElseThrow(
                () ->
                    OasisException.badInput(
                        "unknown release '"
                            + version
                            + "': no "
                            + manifestFile(wanted).getFileName()
                            + " in "
                            + dir,
                        knownOr("No release yet: make one with oasis release.")));
    return ReleaseManifest.read(file);
  }

  /**
   * Lenient: the manifest of {@code version} as a tree, exit 2 naming the known versions when there
   * is none.
   */
  public ReleaseDocument document(Semver version) {
    return findDocument(version)
        .orElseThrow(
            () ->
                OasisException.badInput(
                    "unknown release "
                        + version
                        + ": no "
                        + projectDir.relativize(manifestFile(version)),
                    knownOr(
                        "No release exists yet; run preflight without --release, or release"
                            + " first.")));
  }

  /** Lenient: the manifest of {@code version} as a tree, if there is one. */
  public Optional<ReleaseDocument> findDocument(Semver version) {
    return existing(version).map(this::load);
  }

  /** Lenient: the newest release, if any. */
  public Optional<ReleaseDocument> latestDocument() {
    List<Path> all = manifests();
    return all.isEmpty() ? Optional.empty() : Optional.of(load(all.get(all.size() - 1)));
  }

  /** Lenient: the newest release older than {@code version}. */
  public Optional<ReleaseDocument> documentBefore(Semver version) {
    Path found = null;
    for (Path p : manifests()) {
      if (SemVersions.PRECEDENCE.compare(version(p).orElseThrow(), version) < 0) {
        found = p;
      }
    }
    return Optional.ofNullable(found).map(this::load);
  }

  private Optional<Path> existing(Semver wanted) {
    return manifests().stream()
        .filter(p -> SemVersions.samePrecedence(wanted, version(p).orElseThrow()))
        .findFirst();
  }

  private ReleaseDocument load(Path manifest) {
    return new ReleaseDocument(
        version(manifest).orElseThrow(),
        manifest,
        YamlFiles.read(projectDir, manifest, JsonNode.class));
  }

  private String knownOr(String none) {
    List<String> all = versions().stream().map(Semver::getVersion).toList();
    return all.isEmpty() ? none : "Use one of: " + String.join(", ", all) + ".";
  }
}
