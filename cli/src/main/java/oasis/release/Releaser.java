package oasis.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import oasis.config.Project;
import oasis.config.ReleaseConfig;
import oasis.core.OasisException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.semver4j.Semver;

/**
 * Cuts a release: checks the tree and the version, pins the artifact digests, writes the manifest
 * and the notes, commits them and tags {@code vX.Y.Z}.
 */
public final class Releaser {

  private final Project project;
  private final GitRepo repo;
  private final ArtifactDigests digests;
  private final Clock clock;
  private final ReleaseConfig config;
  private final ReleaseRepository releases;

  public Releaser(Project project, GitRepo repo, ArtifactDigests digests, Clock clock) {
    this.project = project;
    this.repo = repo;
    this.digests = digests;
    this.clock = clock;
    this.config = project.config().release();
    this.releases = new ReleaseRepository(project.dir());
  }

  /** Everything a release would do, checked: bad input exits 2, a wrong state exits 3. */
  public ReleasePlan plan(String version, String pre, boolean dryRun) {
    Semver forced = version == null ? null : SemVersions.parse(version, "--version");
    String preId = pre == null ? null : SemVersions.checkPreId(pre);
    if (forced != null && preId != null && !forced.getPreRelease().isEmpty()) {
      throw OasisException.badInput(
          "--version " + version + " is already a prerelease; --pre " + pre + " cannot apply",
          "Give either --version 1.3.0 --pre rc, or --version 1.3.0-rc.1 alone.");
    }
    ReleaseNotes template = ReleaseNotes.template(project.dir(), config.notesTemplate());
    String head = repo.head();
    Set<String> dirty = repo.dirtyFiles();
    if (!dirty.isEmpty()) {
      throw OasisException.conflict(
          "the working tree has uncommitted changes: " + names(dirty),
          "Commit or stash them: a release must be exactly a commit.");
    }
    NextVersion next = new VersionEngine(repo, config).next(forced == null ? preId : null);
    TagScan tags = repo.tags();
    Semver target = target(forced, preId, next, tags);
    tags.find(target)
        .ifPresent(
            t -> {
              throw OasisException.conflict(
                  "version "
                      + target.getVersion()
                      + " is already released: tag "
                      + t.name()
                      + " on commit "
                      + t.commit().substring(0, 7),
                  "A release is immutable: pick another --version, or see oasis version next.");
            });
    VersionEngine.requireAboveEvery(
        target, tags, forced != null ? "--version " + version : "the next version");
    for (Path file :
        List.of(
            releases.manifestFile(target),
            releases.notesFile(target),
            releases.descriptorFile(target))) {
      if (Files.exists(file)) {
        throw OasisException.conflict(
            "version " + target.getVersion() + " already has " + rel(file),
            "A release is immutable: pick another --version.");
      }
    }
    boolean signed = repo.signing() != null;
    return new ReleasePlanBuilder(project, repo, digests, clock)
        .build(dryRun, target, head, next, forced != null, signed, template);
  }

  private static Semver target(Semver forced, String preId, NextVersion next, TagScan tags) {
    if (forced != null) {
      return preId == null ? forced : VersionEngine.prerelease(forced, preId, tags);
    }
    if (!next.changed()) {
      throw OasisException.conflict(
          "nothing to release since "
              + (next.base() == null ? "the first commit" : next.base())
              + ": none of the "
              + next.commits()
              + " commits is a feat, fix, perf, revert or breaking change",
          "Pass --version X.Y.Z to release anyway.");
    }
    return Semver.parse(next.next());
  }

  /**
   * What the real release refuses after planning: a dry run calls it too, so it fails exactly as
   * the release would (missing artifacts: exit 3).
   */
  public static void check(ReleasePlan plan) {
    if (!plan.missingArtifacts().isEmpty()) {
      throw OasisException.conflict(
          "no built artifact for " + String.join(", ", plan.missingArtifacts()),
          "Run oasis build first: a release pins the digests of what was built.");
    }
  }

  /** Writes, commits and tags; on failure puts the repository back as it was (exit 1). */
  public ReleasePlan release(ReleasePlan plan) {
    check(plan);
    Semver version = Semver.parse(plan.version());
    Path yaml = releases.manifestFile(version);
    Path md = releases.notesFile(version);
    Path desc = releases.descriptorFile(version);
    List<String> paths = List.of(inRepo(yaml), inRepo(md), inRepo(desc));
    for (ReleaseManifest.Artifact artifact : plan.manifest().artifacts().values()) {
      digests.keep(artifact);
    }
    try {
      plan.manifest().write(yaml);
      Files.writeString(md, plan.notes());
      copyDescriptor(plan.protoDescriptorSet(), desc);
      String releaseCommit = repo.commit(paths, plan.commitMessage());
      repo.tag(plan.tag(), tagMessage(plan), releaseCommit, plan.signed());
      return plan;
    } catch (GitAPIException | IOException | RuntimeException e) {
      undo(plan.commit(), List.of(yaml, md, desc), e);
      throw new OasisException(
          OasisException.Kind.FAILED,
          "release " + plan.tag() + " failed: " + e.getMessage(),
          "The repository is back at commit "
              + plan.commit().substring(0, 7)
              + "; fix the cause (rerun with --verbose) and run oasis release again.",
          e);
    }
  }

  /** Copies the descriptor set the manifest pins; preflight diffs later contracts against it. */
  private void copyDescriptor(ReleaseManifest.Artifact proto, Path desc) throws IOException {
    Files.createDirectories(desc.getParent());
    Files.copy(project.dir().resolve(proto.source()), desc);
    if (!("sha256:" + LocalArtifactDigests.sha256(desc)).equals(proto.digest())) {
      throw OasisException.conflict(
          proto.source() + " changed since its digest " + proto.digest() + " was taken",
          "Do not build while releasing; run oasis release again.");
    }
  }

  private void undo(String head, List<Path> files, Exception cause) {
    try {
      repo.resetTo(head);
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      for (Path file : files) {
        deleteIfEmpty(file.getParent());
      }
      deleteIfEmpty(releases.dir());
    } catch (GitAPIException | IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    }
  }

  private static String tagMessage(ReleasePlan plan) {
    return "Release "
        + plan.tag()
        + "\n\nReleased from commit "
        + plan.commit()
        + " (bump "
        + plan.bump()
        + (plan.previous() == null ? ", first release" : " since " + plan.previous())
        + ").\nManifest: "
        + plan.files().get(0)
        + "\n";
  }

  private String inRepo(Path file) {
    return repo.workTree()
        .relativize(file.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }

  private String rel(Path file) {
    return project.dir().relativize(file).toString();
  }

  static String names(Set<String> files) {
    List<String> shown = new ArrayList<>(files).subList(0, Math.min(10, files.size()));
    return String.join(", ", shown)
        + (files.size() > 10 ? " and " + (files.size() - 10) + " more" : "");
  }
}
