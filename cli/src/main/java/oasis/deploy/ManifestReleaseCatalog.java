package oasis.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import oasis.core.OasisException;
import oasis.release.ReleaseRepository;
import oasis.release.SemVersions;

/**
 * Deploy's view of {@code releases/vX.Y.Z.yaml}: the version, commit and pinned digests of a
 * release, read leniently by the one {@link ReleaseRepository} (see {@link
 * oasis.release.ReleaseDocument#artifacts} for the shapes it accepts).
 */
public final class ManifestReleaseCatalog implements ReleaseCatalog {

  private static final Pattern VERSION =
      Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)");

  private final ReleaseRepository releases;

  public ManifestReleaseCatalog(Path releasesDir) {
    this.releases = ReleaseRepository.inDirectory(releasesDir);
  }

  /** {@code v1.2.3} or {@code 1.2.3} to {@code 1.2.3}; anything else is bad input (exit 2). */
  public static String normalize(String version) {
    var m = VERSION.matcher(version == null ? "" : version.strip());
    if (!m.matches()) {
      throw OasisException.badInput(
          "malformed version '" + version + "'", "Write a semantic version: 1.2.3 or v1.2.3.");
    }
    return m.group(1);
  }

  @Override
  public Optional<Release> find(String version) {
    String v = normalize(version);
    return releases
        .findDocument(SemVersions.parse(v, "the release version"))
        .map(
            document -> {
              Map<String, String> artifacts = new LinkedHashMap<>();
              document
                  .artifacts()
                  .forEach(
                      (name, digest) -> {
                        if (!digest.isEmpty()) {
                          artifacts.put(name, digest);
                        }
                      });
              if (artifacts.isEmpty()) {
                throw OasisException.badInput(
                    document.manifest() + " pins no artifact digests",
                    "A release manifest lists each component's digest.");
              }
              return new Release(v, document.commit(), artifacts);
            });
  }
}
