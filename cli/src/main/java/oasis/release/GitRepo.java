package oasis.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import oasis.core.OasisException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The git repository of a project, read and written with JGit. */
public final class GitRepo implements AutoCloseable {

  /** One commit of a range: its id, full message, and whether it merges branches. */
  public record CommitInfo(String id, String message, boolean merge) {
    public String shortId() {
      return id.substring(0, 7);
    }

    public String subject() {
      return message.strip().lines().findFirst().orElse("");
    }
  }

  /** Commits since a base; {@code truncated} when a shallow clone cut the history short. */
  public record CommitRange(List<CommitInfo> commits, boolean truncated) {}

  private final Repository repo;
  private final Git git;

  private GitRepo(Repository repo) {
    this.repo = repo;
    this.git = new Git(repo);
  }

  /** Opens the repository that holds {@code dir}; outside a repository exits 3. */
  public static GitRepo open(Path dir) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw OasisException.conflict(
          "no git repository at or above " + dir,
          "Releases are git tags: run oasis inside a clone of the project (or git init).");
    }
    try {
      return new GitRepo(builder.setMustExist(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the git repository of " + dir, e);
    }
  }

  public Path workTree() {
    return repo.getWorkTree().toPath().toAbsolutePath().normalize();
  }

  /** Whether this is a shallow clone (history and tags may be missing). */
  public boolean shallow() {
    try {
      return !repo.getObjectDatabase().getShallowCommits().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shallow list of " + repo.getDirectory(), e);
    }
  }

  /** The commit HEAD points to; a repository without commits exits 3. */
  public String head() {
    try {
      ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
      if (head == null) {
        throw OasisException.conflict(
            "the repository " + workTree() + " has no commits yet",
            "Commit the project first; a release tags a commit.");
      }
      return head.name();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve HEAD in " + workTree(), e);
    }
  }

  /** Every tag, split into semantic versions (peeled to their commit) and the others. */
  public TagScan tags() {
    List<ReleaseTag> releases = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        String name = ref.getName().substring(Constants.R_TAGS.length());
        var version = SemVersions.parseTag(name);
        RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
        if (version.isPresent() && target instanceof RevCommit commit) {
          releases.add(new ReleaseTag(name, version.get(), commit.name()));
        } else {
          ignored.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tags of " + workTree(), e);
    }
    return new TagScan(releases, ignored);
  }

  /** Commits reachable from {@code head} and not from {@code base} (all when base is null). */
  public CommitRange commitsSince(String head, String base) {
    try (RevWalk walk = new RevWalk(repo)) {
      Set<ObjectId> shallowCommits = repo.getObjectDatabase().getShallowCommits();
      walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
      }
      List<CommitInfo> commits = new ArrayList<>();
      boolean truncated = false;
      for (RevCommit c : walk) {
        commits.add(new CommitInfo(c.name(), c.getFullMessage(), c.getParentCount() > 1));
        truncated |= shallowCommits.contains(c);
      }
      return new CommitRange(commits, truncated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk the history of " + workTree(), e);
    }
  }

  /** Paths a commit changed against its first parent (all its paths for a root commit). */
  public Set<String> changedPaths(String commitId) {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
      if (commit.getParentCount() > 0) {
        tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
        tree.setFilter(TreeFilter.ANY_DIFF);
      }
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      Set<String> paths = new TreeSet<>();
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot diff commit " + commitId + " in " + workTree(), e);
    }
  }

  /** Files that are modified, staged, conflicting or untracked (not ignored). */
  public Set<String> dirtyFiles() {
    try {
      Status status = git.status().call();
      Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
      dirty.addAll(status.getUntracked());
      dirty.addAll(status.getConflicting());
      return dirty;
    } catch (GitAPIException e) {
      throw new IllegalStateException("git status failed in " + workTree(), e);
    }
  }

  /** How tags get signed here: {@code null} when no signing key is configured. */
  public GpgConfig signing() {
    GpgConfig gpg = new GpgConfig(repo.getConfig());
    boolean wanted = gpg.getSigningKey() != null || gpg.isSignAllTags() || gpg.isSignAnnotated();
    if (wanted && Signers.get(gpg.getKeyFormat()) == null) {
      throw OasisException.conflict(
          "a signing key is configured (gpg.format "
              + gpg.getKeyFormat().name().toLowerCase(java.util.Locale.ROOT)
              + ", user.signingkey "
              + gpg.getSigningKey()
              + ") but no signer for that format is available",
          "Unset user.signingkey/tag.gpgSign in git config, or tag by hand with git tag -s.");
    }
    return wanted ? gpg : null;
  }

  /** Stages {@code paths} (relative to the work tree) and commits them; returns the commit id. */
  public String commit(List<String> paths, String message) throws GitAPIException {
    var add = git.add();
    paths.forEach(add::addFilepattern);
    add.call();
    return git.commit().setMessage(message).call().name();
  }

  /** Creates the annotated tag {@code name} on {@code commitId}, signed when configured. */
  public void tag(String name, String message, String commitId, boolean signed)
      throws GitAPIException, IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      git.tag()
          .setName(name)
          .setMessage(message)
          .setAnnotated(true)
          .setSigned(signed)
          .setObjectId(walk.parseCommit(ObjectId.fromString(commitId)))
          .call();
    }
  }

  /** Moves HEAD back to {@code commitId}, keeping the work tree (undoes a release commit). */
  public void resetTo(String commitId) throws GitAPIException {
    git.reset().setMode(ResetType.MIXED).setRef(commitId).call();
  }

  /** The type of the object a tag ref points to ({@code tag} for an annotated tag). */
  public String tagObjectType(String name) throws IOException {
    Ref ref = repo.exactRef(Constants.R_TAGS + name);
    if (ref == null) {
      return null;
    }
    return Constants.typeString(repo.open(ref.getObjectId()).getType());
  }

  @Override
  public void close() {
    git.close();
    repo.close();
  }
}
