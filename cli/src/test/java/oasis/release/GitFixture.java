package oasis.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a temporary directory, written with JGit, for the release tests. */
final class GitFixture implements AutoCloseable {

  final Path dir;
  final Git git;
  private int files;

  private GitFixture(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static GitFixture init(Path dir) throws GitAPIException, IOException {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    StoredConfig config = git.getRepository().getConfig();
    config.setString("user", null, "name", "Release Tester");
    config.setString("user", null, "email", "release@oasis.test");
    config.setBoolean("commit", null, "gpgsign", false);
    config.setBoolean("tag", null, "gpgsign", false);
    config.save();
    return new GitFixture(dir, git);
  }

  /** Commits a new file (or {@code path} when given) with {@code message}; returns the commit. */
  RevCommit commit(String message) throws Exception {
    return commitFile("file-" + (++files) + ".txt", message);
  }

  RevCommit commitFile(String path, String message) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, message + "\n" + System.nanoTime() + "\n");
    git.add().addFilepattern(path).call();
    return git.commit().setMessage(message).setSign(false).call();
  }

  /** A lightweight tag on HEAD. */
  void tag(String name) throws GitAPIException {
    git.tag().setName(name).setAnnotated(false).call();
  }

  /** An annotated tag on HEAD. */
  void annotatedTag(String name) throws GitAPIException {
    git.tag()
        .setName(name)
        .setMessage("release " + name)
        .setAnnotated(true)
        .setSigned(false)
        .call();
  }

  /** Writes a file without committing it. */
  /**
   * What {@code oasis build} leaves for each component: its jar {@code
   * services/NAME/target/NAME.jar} in the artifact store, and the digests in the build record.
   * Returns component to digest.
   */
  java.util.Map<String, String> built(String... components) throws IOException {
    oasis.artifact.ArtifactStore store = new oasis.artifact.ArtifactStore(dir.resolve(".oasis"));
    java.util.Map<String, String> digests = new java.util.LinkedHashMap<>();
    StringBuilder record = new StringBuilder("components:\n");
    for (String c : components) {
      String source = "services/" + c + "/target/" + c + ".jar";
      Path jar = dir.resolve(source);
      String digest = store.put(c, jar, jar.resolveSibling("lib"));
      digests.put(c, digest);
      record.append("  ").append(c).append(": {digest: \"").append(digest);
      record.append("\", source: \"").append(source).append("\"}\n");
    }
    write(LocalArtifactDigests.BUILD_RECORD, record.toString());
    return digests;
  }

  void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Override
  public void close() {
    git.close();
  }
}
