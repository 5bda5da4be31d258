package oasis.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit and cleanliness of a working tree, from {@code git}; {@code unknown} outside git.
 *
 * @param commit the full commit id
 * @param dirty whether tracked or untracked files differ from the commit
 */
public record GitInfo(String commit, boolean dirty) {

  public static GitInfo of(Path dir) {
    String head = git(dir, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return new GitInfo("unknown", true);
    }
    String status = git(dir, "status", "--porcelain");
    return new GitInfo(head.strip(), status == null || !status.isBlank());
  }

  public String shortCommit() {
    return commit.length() >= 7 ? commit.substring(0, 7) : commit;
  }

  private static String git(Path dir, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      p.getErrorStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null; // no git on PATH: the build is recorded with commit 'unknown'
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
