package oasis.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every path under a project's state directory {@code .oasis/} (ignored by git), named once so that
 * no other class spells a state path itself.
 *
 * <p>Layout: {@code artifacts/} (the content-addressed store), {@code builds/} (one record per
 * build, {@code latest.json}, and {@code digests.yaml}: the digests {@code oasis release} pins),
 * {@code envs/<env>/} (ledger, lock, rollout, logs), {@code logs/} (the build's log), {@code
 * docker/} (image build contexts), {@code runtime/} (the pinned supervisor class path) and {@code
 * shell-history}.
 *
 * <p>Migration: projects built before this layout keep the release digests in {@code
 * .oasis/build/digests.yaml}. {@code builds/} wins: a read falls back to the old file while the new
 * one is absent ({@link #releaseDigestsToRead}), the next build writes the new one and removes the
 * old ({@link #retireLegacyReleaseDigests}).
 */
public record StateLayout(Path root) {

  /** The state directory's name in a project. */
  public static final String DIR = ".oasis";

  /** The state of the project in {@code projectDir}: {@code projectDir/.oasis}. */
  public static StateLayout ofProject(Path projectDir) {
    return new StateLayout(projectDir.resolve(DIR));
  }

  /** The layout of a state directory given as such (normally {@code .oasis}). */
  public static StateLayout at(Path stateDir) {
    return new StateLayout(stateDir);
  }

  /** {@code artifacts/}: the content-addressed artifact store. */
  public Path artifacts() {
    return root.resolve("artifacts");
  }

  /** {@code builds/}: one record per build. */
  public Path builds() {
    return root.resolve("builds");
  }

  /** {@code builds/<version>.json}, {@code +} replaced so the name is portable. */
  public Path buildRecord(String version) {
    return builds().resolve(version.replace('+', '_') + ".json");
  }

  /** {@code builds/latest.json}: the last build's record. */
  public Path latestBuild() {
    return builds().resolve("latest.json");
  }

  /** {@code builds/digests.yaml}: the digests {@code oasis release} pins, written by the build. */
  public Path releaseDigests() {
    return builds().resolve("digests.yaml");
  }

  /** {@code build/digests.yaml}: where builds before the one layout kept the release digests. */
  public Path legacyReleaseDigests() {
    return root.resolve("build").resolve("digests.yaml");
  }

  /** The release digests to read: the current file, or the legacy one while only it exists. */
  public Path releaseDigestsToRead() {
    Path current = releaseDigests();
    Path legacy = legacyReleaseDigests();
    return !Files.exists(current) && Files.isRegularFile(legacy) ? legacy : current;
  }

  /** Removes the legacy release digests (and their directory when it is left empty). */
  public void retireLegacyReleaseDigests() {
    Path legacy = legacyReleaseDigests();
    try {
      Files.deleteIfExists(legacy);
      Path dir = legacy.getParent();
      if (Files.isDirectory(dir)) {
        try (var left = Files.list(dir)) {
          if (left.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + legacy, e);
    }
  }

  /** {@code logs/build.log}: the last Maven build's output. */
  public Path buildLog() {
    return root.resolve("logs").resolve("build.log");
  }

  /** {@code envs/}: one directory per environment. */
  public Path envs() {
    return root.resolve("envs");
  }

  /** {@code envs/<env>/}: an environment's ledger, lock, rollout and logs. */
  public Path envDir(String env) {
    return envs().resolve(env);
  }

  /** {@code docker/}: where image build contexts are laid out. */
  public Path docker() {
    return root.resolve("docker");
  }

  /**
   * {@code images/pushed.json}: the images {@code build --push} put into registries, by digest,
   * keyed by registry and image inputs.
   */
  public Path pushedImages() {
    return root.resolve("images").resolve("pushed.json");
  }

  /** {@code runtime/}: the supervisor's pinned class path. */
  public Path runtime() {
    return root.resolve("runtime");
  }

  /** {@code shell-history}: the interactive shell's history. */
  public Path shellHistory() {
    return root.resolve("shell-history");
  }
}
