package oasis.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import oasis.config.YamlFiles;
import oasis.core.OasisException;
import oasis.release.SemVersions;
import org.semver4j.Semver;

/** The released versions: one manifest {@code releases/vX.Y.Z.yaml} each, oldest first. */
public final class Releases {

  private final Path projectDir;
  private final Path dir;
  private final List<Path> manifests;

  private Releases(Path projectDir, Path dir, List<Path> manifests) {
    this.projectDir = projectDir;
    this.dir = dir;
    this.manifests = manifests;
  }

  /** The manifests under {@code projectDir/releases}; none when the directory is missing. */
  public static Releases in(Path projectDir) {
    var all = new oasis.release.Releases(projectDir);
    return new Releases(projectDir, all.dir(), all.manifests());
  }

  public Path dir() {
    return dir;
  }

  public List<Semver> versions() {
    return manifests.stream().map(Releases::version).toList();
  }

  public Optional<Release> latest() {
    return manifests.isEmpty()
        ? Optional.empty()
        : Optional.of(load(manifests.get(manifests.size() - 1)));
  }

  /** The release of {@code version}; exit 2 when there is no manifest for it. */
  public Release get(Semver version) {
    for (Path p : manifests) {
      if (SemVersions.samePrecedence(version, version(p))) {
        return load(p);
      }
    }
    throw OasisException.badInput(
        "unknown release "
            + version
            + ": no "
            + projectDir.relativize(dir.resolve(SemVersions.tag(version) + ".yaml")),
        manifests.isEmpty()
            ? "No release exists yet; run preflight without --release, or release first."
            : "Use one of: "
                + String.join(", ", versions().stream().map(Semver::getVersion).toList())
                + ".");
  }

  /** The newest release older than {@code version}. */
  public Optional<Release> before(Semver version) {
    Path found = null;
    for (Path p : manifests) {
      if (SemVersions.PRECEDENCE.compare(version(p), version) < 0) {
        found = p;
      }
    }
    return Optional.ofNullable(found).map(this::load);
  }

  private Release load(Path manifest) {
    return new Release(
        version(manifest), manifest, YamlFiles.read(projectDir, manifest, JsonNode.class));
  }

  /** The version a manifest file stands for ({@code v1.2.3.yaml}), or null. */
  private static Semver version(Path manifest) {
    return oasis.release.Releases.version(manifest).orElse(null);
  }
}
