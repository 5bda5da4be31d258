package oasis.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import oasis.core.OasisException;
import org.semver4j.Semver;

/** The release manifests of a project, {@code releases/vX.Y.Z.yaml}, found by version. */
public final class Releases {

  private final Path dir;

  public Releases(Path projectDir) {
    this.dir = projectDir.resolve("releases");
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

  /** Every released version with a manifest, highest first. */
  public List<Semver> versions() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> SemVersions.parseTag(n.substring(0, n.length() - ".yaml".length())))
          .flatMap(Optional::stream)
          .sorted(SemVersions.PRECEDENCE.reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The manifest of {@code version} ({@code 1.2.3} or {@code v1.2.3}); a malformed or unknown
   * version exits 2 listing the known ones.
   */
  public ReleaseManifest find(String version) {
    Semver wanted = SemVersions.parse(version, "the release version");
    Optional<Semver> known =
        versions().stream().filter(v -> SemVersions.samePrecedence(v, wanted)).findFirst();
    if (known.isEmpty()) {
      List<String> all = versions().stream().map(Semver::getVersion).toList();
      throw OasisException.badInput(
          "unknown release '"
              + version
              + "': no "
              + manifestFile(wanted).getFileName()
              + " in "
              + dir,
          all.isEmpty()
              ? "No release yet: make one with oasis release."
              : "Use one of: " + String.join(", ", all) + ".");
    }
    return ReleaseManifest.read(manifestFile(known.get()));
  }
}
