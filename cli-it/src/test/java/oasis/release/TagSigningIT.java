package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import oasis.cli.Oasis;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a signing key in git config, the release tag is signed: {@code git verify-tag} accepts it.
 */
class TagSigningIT {

  @TempDir Path dir;
  @TempDir Path gnupg;

  record Run(int code, String output) {}

  private Run run(Path cwd, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().put("GNUPGHOME", gnupg.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @AfterEach
  void stopAgent() throws Exception {
    run(gnupg, "gpgconf", "--kill", "gpg-agent");
  }

  @Test
  void releaseTagIsSignedWhenASigningKeyIsConfigured() throws Exception {
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    Run key =
        run(
            gnupg,
            "gpg",
            "--batch",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Release Signer <signer@oasis.test>",
            "rsa2048",
            "sign",
            "never");
    assertThat(key.code()).as(key.output()).isZero();
    String fingerprint =
        run(gnupg, "gpg", "--list-secret-keys", "--with-colons")
            .output()
            .lines()
            .filter(l -> l.startsWith("fpr:"))
            .findFirst()
            .orElseThrow()
            .split(":")[9];

    try (GitFixture repo = GitFixture.init(dir)) {
      repo.write(
          "oasis.yaml",
          "defaultEnvironment: staging\ncomponents:\n  alpha: {module: services/alpha, mainClass: A}\n"
              + "environments:\n  staging: {target: local}\n");
      repo.write(".gitignore", "target/\n.oasis/\n");
      repo.write(
          "templates/release-notes.md.mustache", Files.readString(ReleaseCommandTest.TEMPLATE));
      repo.git.add().addFilepattern(".").call();
      repo.commit("feat: first");
      repo.write("services/alpha/target/alpha.jar", "jar");
      repo.write("proto/target/classes/oasis/contracts.desc", "desc");
      repo.built("alpha");
      StoredConfig config = repo.git.getRepository().getConfig();
      config.setString("user", null, "signingkey", fingerprint);
      config.save();

      String previous = System.getProperty("jgit.gpg.home");
      System.setProperty("jgit.gpg.home", gnupg.toString());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code;
      try {
        code =
            Oasis.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "--project-dir",
                dir.toString(),
                "release");
      } finally {
        if (previous == null) {
          System.clearProperty("jgit.gpg.home");
        } else {
          System.setProperty("jgit.gpg.home", previous);
        }
      }
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).contains("tagged v0.1.0 (annotated, signed)");
      Run verified = run(dir, "git", "verify-tag", "v0.1.0");
      assertThat(verified.code()).as(verified.output()).isZero();
      assertThat(verified.output()).contains("Good signature", "Release Signer");
    }
  }
}
