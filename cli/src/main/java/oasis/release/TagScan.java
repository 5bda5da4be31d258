package oasis.release;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * The tags of a repository: those that are semantic versions, highest precedence first, and those
 * that are not (ignored, reported with {@code --verbose}).
 */
public record TagScan(List<ReleaseTag> releases, List<String> ignored) {

  public TagScan {
    releases =
        releases.stream()
            .sorted(
                Comparator.comparing(ReleaseTag::version, SemVersions.PRECEDENCE)
                    .reversed()
                    .thenComparing(ReleaseTag::name))
            .toList();
    ignored = ignored.stream().sorted().toList();
  }

  /** The highest version by SemVer precedence, prereleases included. */
  public Optional<ReleaseTag> latest() {
    return releases.stream().findFirst();
  }

  /** The highest stable version: the base that the next version is computed from. */
  public Optional<ReleaseTag> latestStable() {
    return releases.stream().filter(t -> t.version().getPreRelease().isEmpty()).findFirst();
  }

  /** A tag with the same precedence as {@code version} ({@code 1.2.3}, {@code v1.2.3+b1}...). */
  public Optional<ReleaseTag> find(Semver version) {
    return releases.stream()
        .filter(t -> SemVersions.samePrecedence(t.version(), version))
        .findFirst();
  }
}
