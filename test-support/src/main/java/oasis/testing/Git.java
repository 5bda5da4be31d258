package oasis.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git command line in a throw-away project, with an identity of its own and no signing. */
public final class Git {

  private Git() {}

  /** Runs git in {@code dir}; fails with git's output unless it exits 0 within 30 s. */
  public static String git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=it",
                "-c",
                "user.email=it@example.invalid",
                "-c",
                "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
    }
    return out.strip();
  }

  /** Stages everything and commits it. */
  public static void commitAll(Path dir, String message) throws Exception {
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", message);
  }
}
