package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import oasis.cli.Oasis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shallow clones made with the git CLI: a clear message, never a wrong version. */
class ShallowCloneIT {

  @TempDir Path origin;
  @TempDir Path work;

  record Result(int code, String out, String err) {}

  static Result oasis(Path dir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--project-dir";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Oasis.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void originWithTagsBehindTheTip() throws Exception {
    try (GitFixture repo = GitFixture.init(origin)) {
      repo.write(
          "oasis.yaml",
          "defaultEnvironment: staging\ncomponents:\n  a: {module: services/a, mainClass: A}\n"
              + "environments:\n  staging: {target: local}\n");
      repo.git.add().addFilepattern("oasis.yaml").call();
      repo.commit("feat: first");
      repo.annotatedTag("v1.0.0");
      repo.commit("feat: second");
      repo.tag("v1.1.0");
      repo.commit("fix: third");
      repo.commit("fix: fourth");
    }
  }

  @Test
  void shallowCloneWithoutTagsSaysSoAndHowToFetchThem() throws Exception {
    Path clone = work.resolve("clone");
    String out =
        ReleaseCommandTest.git(
            work, "clone", "--quiet", "--depth", "1", "file://" + origin, clone.toString());
    assertThat(Files.exists(clone.resolve(".git/shallow"))).as(out).isTrue();
    assertThat(ReleaseCommandTest.git(clone, "tag", "-l")).isEmpty();

    for (String verb : new String[] {"current", "next"}) {
      Result r = oasis(clone, "version", verb);
      assertThat(r.code()).as(verb + ": " + r.err()).isEqualTo(3);
      assertThat(r.out()).as("no version printed").isEmpty();
      assertThat(r.err()).contains("shallow clone", "git fetch --tags --unshallow");
    }
    Result json = oasis(clone, "--output", "json", "version", "current");
    assertThat(json.code()).isEqualTo(3);
    assertThat(json.out()).isEmpty();
  }

  @Test
  void shallowCloneWithATagButCutHistoryRefusesToGuessTheNextVersion() throws Exception {
    Path clone = work.resolve("clone");
    ReleaseCommandTest.git(
        work, "clone", "--quiet", "--depth", "1", "file://" + origin, clone.toString());
    ReleaseCommandTest.git(clone, "fetch", "--quiet", "--depth", "1", "origin", "tag", "v1.0.0");
    assertThat(ReleaseCommandTest.git(clone, "tag", "-l")).isEqualTo("v1.0.0");

    Result current = oasis(clone, "version", "current");
    assertThat(current.code()).isZero();
    assertThat(current.err()).contains("shallow clone", "git fetch --tags --unshallow");

    Result next = oasis(clone, "version", "next");
    assertThat(next.code()).as(next.err()).isEqualTo(3);
    assertThat(next.err()).contains("history since v1.0.0 is cut short", "--unshallow");
  }

  @Test
  void unshallowedCloneGivesTheRightVersions() throws Exception {
    Path clone = work.resolve("clone");
    ReleaseCommandTest.git(
        work, "clone", "--quiet", "--depth", "1", "file://" + origin, clone.toString());
    ReleaseCommandTest.git(clone, "fetch", "--quiet", "--tags", "--unshallow");
    assertThat(oasis(clone, "version", "current").out().strip()).isEqualTo("1.1.0");
    assertThat(oasis(clone, "version", "next").out().strip()).isEqualTo("1.1.1");
  }
}
