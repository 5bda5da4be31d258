package oasis.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oasis.config.ReleaseConfig;
import oasis.core.OasisException;
import org.semver4j.Semver;

/** Computes the current and the next version of a repository from its tags and commits. */
public final class VersionEngine {

  static final String FETCH_HINT =
      "Fetch the tags and the full history: git fetch --tags --unshallow";

  private final GitRepo repo;
  private final ReleaseConfig config;

  public VersionEngine(GitRepo repo, ReleaseConfig config) {
    this.repo = repo;
    this.config = config;
  }

  /** The release tag of highest precedence; a shallow clone without tags exits 3. */
  public CurrentVersion current() {
    TagScan tags = repo.tags();
    boolean shallow = repo.shallow();
    Optional<ReleaseTag> latest = tags.latest();
    if (latest.isEmpty()) {
      if (shallow) {
        throw shallowWithoutTags();
      }
      return new CurrentVersion("0.0.0", null, null, false, false, false, tags.ignored());
    }
    ReleaseTag tag = latest.get();
    return new CurrentVersion(
        tag.version().getVersion(),
        tag.name(),
        tag.commit(),
        true,
        !tag.version().getPreRelease().isEmpty(),
        shallow,
        tags.ignored());
  }

  /** The next version from the Conventional Commits since the latest stable release. */
  public NextVersion next(String preId) {
    String head = repo.head();
    TagScan tags = repo.tags();
    boolean shallow = repo.shallow();
    if (tags.releases().isEmpty() && shallow) {
      throw shallowWithoutTags();
    }
    Optional<ReleaseTag> base = tags.latestStable();
    GitRepo.CommitRange range = repo.commitsSince(head, base.map(ReleaseTag::commit).orElse(null));
    if (range.truncated()) {
      throw OasisException.conflict(
          "this is a shallow clone and the history since "
              + base.map(ReleaseTag::name).orElse("the first commit")
              + " is cut short: the next version cannot be computed",
          FETCH_HINT);
    }
    Semver baseVersion = base.map(ReleaseTag::version).orElse(Semver.ZERO);
    Scan scan = scan(range, tags, baseVersion);
    Bump bump = scan.bump;
    Semver releaseAs = scan.releaseAs;
    List<NextVersion.Change> changes = scan.changes;
    boolean changed = releaseAs != null || bump != Bump.NONE;
    Semver next =
        releaseAs != null
            ? releaseAs
            : carriedByPrerelease(
                bump.apply(baseVersion, "major".equals(config.breakingWhileZero())), tags);
    if (preId != null && changed) {
      next = prerelease(next, SemVersions.checkPreId(preId), tags);
    }
    if (changed) {
      requireAboveEvery(next, tags, preId == null ? "the next version" : "--pre " + preId);
    }
    return new NextVersion(
        tags.latest().map(t -> t.version().getVersion()).orElse("0.0.0"),
        base.map(ReleaseTag::name).orElse(null),
        next.getVersion(),
        bump.toString(),
        changed,
        releaseAs == null ? null : releaseAs.getVersion(),
        range.commits().size(),
        changes.size(),
        scan.merges,
        scan.skipped,
        shallow,
        changes);
  }

  /** What the commits since the base say: the largest bump, a forced version, what was skipped. */
  private static final class Scan {
    Bump bump = Bump.NONE;
    Semver releaseAs;
    int merges;
    final List<NextVersion.Skipped> skipped = new ArrayList<>();
    final List<NextVersion.Change> changes = new ArrayList<>();
  }

  private Scan scan(GitRepo.CommitRange range, TagScan tags, Semver baseVersion) {
    Scan scan = new Scan();
    for (GitRepo.CommitInfo commit : range.commits()) {
      if (commit.merge()) {
        scan.merges++;
        continue;
      }
      Optional<ConventionalCommit> parsed = ConventionalCommits.parse(commit.message());
      Optional<String> forced =
          parsed.isPresent()
              ? parsed.get().footer("Release-As")
              : ConventionalCommits.releaseAs(commit.message());
      if (scan.releaseAs == null && forced.isPresent()) {
        scan.releaseAs =
            forcedVersion(
                forced.get(), commit, tags.latest().map(ReleaseTag::version).orElse(baseVersion));
      }
      if (parsed.isEmpty()) {
        scan.skipped.add(new NextVersion.Skipped(commit.shortId(), commit.subject()));
        continue;
      }
      Bump b = bumpOf(parsed.get());
      scan.bump = scan.bump.max(b);
      scan.changes.add(new NextVersion.Change(commit, parsed.get(), b));
    }
    return scan;
  }

  /** The bump of one commit: a breaking change is major, else the type's configured bump. */
  Bump bumpOf(ConventionalCommit commit) {
    if (commit.breaking()) {
      return Bump.MAJOR;
    }
    String configured = config.bumps().get(commit.type());
    return configured == null ? Bump.NONE : Bump.of(configured);
  }

  private static Semver forcedVersion(String value, GitRepo.CommitInfo commit, Semver base) {
    Semver forced = SemVersions.parse(value, "the Release-As footer of commit " + commit.shortId());
    if (!forced.isGreaterThan(base)) {
      throw OasisException.badInput(
          "Release-As "
              + value
              + " in commit "
              + commit.shortId()
              + " is not above the current release "
              + base.getVersion(),
          "Force a version above " + base.getVersion() + ", or drop the footer with a new commit.");
    }
    return forced;
  }

  /**
   * The stable version a release line is heading for: after {@code v1.0.0-rc.10} a fix makes {@code
   * 1.0.0} (what the prereleases already carry), not {@code 0.0.1}; commits that call for more than
   * that ({@code bumped} above it) win.
   */
  static Semver carriedByPrerelease(Semver bumped, TagScan tags) {
    return tags.latest()
        .filter(t -> !t.version().getPreRelease().isEmpty())
        .map(t -> t.version().withClearedPreReleaseAndBuild())
        .filter(core -> core.isGreaterThan(bumped))
        .orElse(bumped);
  }

  /**
   * No version may be proposed or created unless it is above every release tag by SemVer
   * precedence: exit 2 naming the tag that is not below it.
   */
  public static void requireAboveEvery(Semver version, TagScan tags, String what) {
    tags.latest()
        .filter(t -> !version.isGreaterThan(t.version()))
        .ifPresent(
            t -> {
              throw OasisException.badInput(
                  what
                      + " gives "
                      + version.getVersion()
                      + ", which is not above the release tag "
                      + t.name()
                      + " (SemVer precedence)",
                  t.version().getPreRelease().isEmpty()
                      ? "Pick a version above " + t.version().getVersion() + "."
                      : "Continue that prerelease line (--pre "
                          + t.version().getPreRelease().get(0)
                          + ") or pick a version above "
                          + t.version().getVersion()
                          + ".");
            });
  }

  /** {@code 1.3.0} with id {@code rc}: {@code 1.3.0-rc.N}, N one above the highest tagged. */
  static Semver prerelease(Semver version, String preId, TagScan tags) {
    Semver stable = version.withClearedPreReleaseAndBuild();
    int highest = 0;
    for (ReleaseTag tag : tags.releases()) {
      List<String> pre = tag.version().getPreRelease();
      if (SemVersions.samePrecedence(tag.version().withClearedPreReleaseAndBuild(), stable)
          && pre.size() == 2
          && pre.get(0).equals(preId)
          && pre.get(1).matches("[0-9]{1,9}")) {
        highest = Math.max(highest, Integer.parseInt(pre.get(1)));
      }
    }
    return stable.withPreRelease(preId + "." + (highest + 1));
  }

  private static OasisException shallowWithoutTags() {
    return OasisException.conflict(
        "this is a shallow clone with no tags: the current version cannot be known", FETCH_HINT);
  }
}
