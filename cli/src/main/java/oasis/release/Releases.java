package oasis.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

  /**
   * Every manifest file whose name is a version ({@code v1.2.3.yaml}), oldest first by SemVer
   * precedence: the one listing of {@code releases/} that release and preflight read.
   */
  public List<Path> manifests() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".yaml") && version(p).isPresent())
          .sorted(Comparator.comparing(p -> version(p).orElseThrow(), SemVersions.PRECEDENCE))
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

  /** Every released version with a manifest, highest first. */
  public List<Semver> versions() {
    List<Semver> all =
        new ArrayList<>(manifests().stream().map(p -> version(p).orElseThrow()).toList());
    Collections.reverse(all);
    return List.copyOf(all);
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
