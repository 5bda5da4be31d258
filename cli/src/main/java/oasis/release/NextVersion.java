package oasis.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The next version and why: the bump the commits since the base release call for.
 *
 * @param current the current version (highest tag, prereleases included; 0.0.0 when none)
 * @param base the stable release tag the commits are counted from, or null when none
 * @param next the next version ({@code current}'s stable base when nothing calls for a release)
 * @param bump the bump the commits call for: none, patch, minor or major
 * @param changed whether {@code next} is a new version worth releasing
 * @param releaseAs the version a {@code Release-As:} footer forced, or null
 * @param commits how many commits since the base (merges included)
 * @param conventional how many of them are Conventional Commits
 * @param merges how many are merge commits (not counted as non-conventional)
 * @param nonConventional the commits that are not conventional: never dropped silently
 * @param shallow whether the clone is shallow
 * @param changes the conventional commits with their bumps, newest first (for release notes)
 */
public record NextVersion(
    String current,
    String base,
    String next,
    String bump,
    boolean changed,
    String releaseAs,
    int commits,
    int conventional,
    int merges,
    List<Skipped> nonConventional,
    boolean shallow,
    @JsonIgnore List<Change> changes) {

  /** A commit that is not a Conventional Commit. */
  public record Skipped(String commit, String subject) {}

  /** A conventional commit since the base release and the bump it causes. */
  public record Change(GitRepo.CommitInfo commit, ConventionalCommit message, Bump bump) {}
}
