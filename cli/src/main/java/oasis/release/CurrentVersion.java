package oasis.release;

import java.util.List;

/**
 * The current version: the release tag of highest SemVer precedence.
 *
 * @param version the version ({@code 0.0.0} when nothing was released yet)
 * @param tag the tag name, or null when nothing was released yet
 * @param commit the commit the tag points to, or null
 * @param released false when the repository has no release tag yet (then version is 0.0.0)
 * @param prerelease whether the version is a prerelease such as {@code 1.3.0-rc.1}
 * @param shallow whether the clone is shallow (tags outside the fetched history may be missing)
 * @param ignoredTags tags that are not semantic versions
 */
public record CurrentVersion(
    String version,
    String tag,
    String commit,
    boolean released,
    boolean prerelease,
    boolean shallow,
    List<String> ignoredTags) {}
