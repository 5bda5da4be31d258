package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oasis.cli.Oasis;
import oasis.deploy.ManifestReleaseCatalog;
import oasis.deploy.Release;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oasis release} and {@code oasis version} in a real temporary repository. */
class ReleaseCommandTest {

  static final Path TEMPLATE = Path.of("..", "templates", "release-notes.md.mustache");

  @TempDir Path dir;
  GitFixture repo;

  record Result(int code, String out, String err) {}

  Result oasis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--project-dir";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Oasis.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Result(code, out.toString(), err.toString());
  }

  static String git(Path dir, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @BeforeEach
  void project() throws Exception {
    repo = GitFixture.init(dir);
    repo.write(
        "oasis.yaml",
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main}
          beta: {module: services/beta, mainClass: b.Main}
        environments:
          staging:
            target: local
            deployWindow: {days: [MON, TUE], start: "09:00", end: "16:00", zone: UTC}
        """);
    repo.write(".gitignore", "target/\n.oasis/\n");
    repo.write("templates/release-notes.md.mustache", Files.readString(TEMPLATE));
    repo.git.add().addFilepattern(".").call();
    repo.git.commit().setMessage("chore: project").setSign(false).call();
    repo.write("services/alpha/target/alpha.jar", "alpha jar bytes");
    repo.write("services/beta/target/beta.jar", "beta jar bytes");
    repo.write("proto/target/classes/oasis/contracts.desc", "descriptor bytes");
    built("alpha", "beta");
  }

  private void built(String... components) throws Exception {
    stored.putAll(repo.built(components));
  }

  private final Map<String, String> stored = new HashMap<>();

  @AfterEach
  void close() {
    repo.close();
  }

  /** HEAD, tags, status and files of releases/: what a dry run must leave alone. */
  private String state() throws Exception {
    return git(dir, "rev-parse", "HEAD")
        + "|"
        + git(dir, "tag", "-l")
        + "|"
        + git(dir, "status", "--porcelain", "--untracked-files=all")
        + "|"
        + (Files.isDirectory(dir.resolve("releases"))
            ? Files.list(dir.resolve("releases")).toList()
            : List.of());
  }

  @Test
  void releaseWritesCommitsAndTagsAnAnnotatedTag() throws Exception {
    repo.commitFile("services/alpha/src/A.java", "feat(alpha): market orders");
    repo.commitFile("services/beta/src/B.java", "fix: rounding of notional");
    repo.commitFile("services/beta/src/C.java", "wip");

    Result r = oasis("release");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Released v0.1.0", "tagged v0.1.0 (annotated, unsigned)");
    assertThat(git(dir, "cat-file", "-t", "v0.1.0")).isEqualTo("tag");
    assertThat(git(dir, "status", "--porcelain")).as("both files committed").isEmpty();
    assertThat(git(dir, "ls-tree", "-r", "--name-only", "v0.1.0", "releases/"))
        .isEqualTo("releases/contracts/v0.1.0.desc\nreleases/v0.1.0.md\nreleases/v0.1.0.yaml");
    assertThat(git(dir, "log", "-1", "--format=%s", "v0.1.0")).isEqualTo("chore(release): v0.1.0");

    ReleaseManifest manifest = new ReleaseRepository(dir).manifest("v0.1.0");
    assertThat(manifest.version()).isEqualTo("0.1.0");
    assertThat(manifest.commit()).isEqualTo(git(dir, "rev-parse", "v0.1.0^"));
    assertThat(manifest.digests())
        .as("the release pins the digests of the store that deploy runs from")
        .containsEntry("alpha", stored.get("alpha"))
        .containsEntry("beta", stored.get("beta"))
        .hasSize(2);
    assertThat(manifest.protoDescriptorDigest())
        .isEqualTo(
            "sha256:" + LocalArtifactDigests.sha256(dir.resolve("releases/contracts/v0.1.0.desc")))
        .isEqualTo(
            "sha256:"
                + LocalArtifactDigests.sha256(
                    dir.resolve("proto/target/classes/oasis/contracts.desc")));
    assertThat(manifest.deployWindow().get("staging").describe())
        .isEqualTo("MON,TUE 09:00-16:00 UTC");
    assertThat(manifest.previous()).isNull();
    assertThat(manifest.date()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    String notes = Files.readString(dir.resolve("releases/v0.1.0.md"));
    assertThat(notes)
        .contains("# v0.1.0", "### Features", "#### alpha", "- market orders")
        .contains("### Bug fixes", "#### beta", "- rounding of notional")
        .contains("Other commits (not Conventional Commits)", "- wip");
    assertThat(notes.indexOf("## Breaking changes"))
        .isLessThan(notes.indexOf("## Changes"))
        .isLessThan(notes.indexOf("## Upgrade steps"));
    assertThat(notes.indexOf("## Changes")).isLessThan(notes.indexOf("## Upgrade steps"));
  }

  @Test
  void aProjectBuiltBeforeTheOneStateLayoutStillReleasesItsBuild() throws Exception {
    repo.commit("feat: a");
    Path current = dir.resolve(LocalArtifactDigests.BUILD_RECORD);
    Path legacy = dir.resolve(".oasis/build/digests.yaml");
    Files.createDirectories(legacy.getParent());
    Files.move(current, legacy);

    Result r = oasis("release", "--version", "1.0.0");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(new ReleaseRepository(dir).manifest("1.0.0").digests())
        .as("the digests recorded in the old .oasis/build/ are the ones pinned")
        .containsEntry("alpha", stored.get("alpha"))
        .containsEntry("beta", stored.get("beta"));
  }

  @Test
  void theEmbeddedBrokerIsPinnedSoTheReleaseCanBeDeployed() throws Exception {
    repo.write(
        "oasis.yaml",
        Files.readString(dir.resolve("oasis.yaml"))
            + "infrastructure:\n  kafka: {kind: kafka, ports: {bootstrap: 19092}}\n");
    repo.git.add().addFilepattern("oasis.yaml").call();
    repo.commit("chore: a broker");
    repo.write("services/kafka/target/kafka.jar", "broker jar bytes");
    built("alpha", "beta", "kafka");

    Result r = oasis("release", "--version", "1.0.0");

    assertThat(r.code()).as(r.err()).isZero();
    Release release =
        new ManifestReleaseCatalog(dir.resolve("releases")).find("1.0.0").orElseThrow();
    assertThat(release.artifacts())
        .containsEntry("kafka", stored.get("kafka"))
        .containsEntry("alpha", stored.get("alpha"));
  }

  @Test
  void secondReleaseOfTheSameVersionIsAConflict() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("release", "--version", "1.0.0").code()).isZero();
    repo.commit("fix: b");
    Result again = oasis("release", "--version", "v1.0.0");
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err()).contains("1.0.0 is already released: tag v1.0.0");
  }

  @Test
  void nextReleaseRecordsThePreviousAndBreakingChangesComeFirst() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("release", "--version", "1.0.0").code()).isZero();
    repo.commitFile("services/alpha/x", "fix: tidy");
    repo.commitFile(
        "services/beta/y", "feat: symbols\n\nBREAKING CHANGE: clients send symbol, not id");
    Result r = oasis("release");
    assertThat(r.code()).as(r.err()).isZero();
    ReleaseManifest manifest = new ReleaseRepository(dir).manifest("2.0.0");
    assertThat(manifest.previous()).isEqualTo("1.0.0");
    assertThat(manifest.upgradeNotes())
        .containsExactly("BREAKING (beta): clients send symbol, not id");
    assertThat(manifest.rollback().to()).isEqualTo("1.0.0");
    String notes = Files.readString(dir.resolve("releases/v2.0.0.md"));
    assertThat(notes).contains("**beta**: symbols", "Impact: clients send symbol, not id");
    assertThat(notes.indexOf("Impact:")).isLessThan(notes.indexOf("### Features"));
  }

  @Test
  void malformedVersionIsBadInput() throws Exception {
    repo.commit("feat: a");
    Result r = oasis("release", "--version", "1.2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("malformed version '1.2' in --version");
  }

  @Test
  void missingTemplateIsBadInput() throws Exception {
    repo.git.rm().addFilepattern("templates/release-notes.md.mustache").call();
    repo.commit("feat: drop the template");
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("release notes template templates/release-notes.md.mustache is missing");
    assertThat(git(dir, "tag", "-l")).isEmpty();
  }

  @Test
  void dirtyTreeIsAConflictNamingTheFiles() throws Exception {
    repo.commit("feat: a");
    repo.write("services/alpha/src/Dirty.java", "class Dirty {}");
    Files.writeString(
        dir.resolve("oasis.yaml"), "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .contains("uncommitted changes", "oasis.yaml", "services/alpha/src/Dirty.java");
    assertThat(git(dir, "tag", "-l")).isEmpty();
  }

  @Test
  void dryRunChangesNothingAndPrintsOneJsonDocument() throws Exception {
    repo.commit("feat: a");
    String before = state();
    Result text = oasis("release", "--dry-run");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("Would release v0.1.0", "would write releases/v0.1.0.yaml");
    Result json = oasis("--output", "json", "release", "--dry-run", "--pre", "rc");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("dryRun").asBoolean()).isTrue();
    assertThat(doc.get("version").asText()).isEqualTo("0.1.0-rc.1");
    assertThat(doc.get("manifest").get("artifacts").get("alpha").get("digest").asText())
        .matches("sha256:[0-9a-f]{64}");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void missingArtifactFailsTheReleaseAndItsDryRunAlike() throws Exception {
    repo.commit("feat: a");
    built("alpha");
    Result dry = oasis("release", "--dry-run");
    assertThat(dry.code()).as("a dry run exits as the release would").isEqualTo(3);
    assertThat(dry.err()).contains("no built artifact for beta", "oasis build");
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no built artifact for beta", "oasis build");
    assertThat(git(dir, "tag", "-l")).isEmpty();
    assertThat(dir.resolve("releases/v0.1.0.yaml")).doesNotExist();
  }

  @Test
  void nothingToReleaseIsAConflict() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("release").code()).isZero();
    repo.commit("docs: only docs");
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("nothing to release since v0.1.0", "--version");
  }

  @Test
  void aRecordedArtifactMissingFromTheStoreIsRefused() throws Exception {
    repo.commit("feat: a");
    String digest = "sha256:" + "a".repeat(64);
    repo.write(
        LocalArtifactDigests.BUILD_RECORD,
        "components:\n  alpha: {digest: \""
            + digest
            + "\", source: x.jar}\n"
            + "  beta: {digest: \""
            + stored.get("beta")
            + "\", source: y.jar}\n");
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains(digest, "is not in the store", "oasis build");
    assertThat(git(dir, "tag", "-l")).isEmpty();
    assertThat(dir.resolve("releases/v0.1.0.yaml")).doesNotExist();
  }

  @Test
  void versionCurrentAndNextAsJson() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.9.0");
    repo.tag("not-a-version");
    repo.commit("feat: b");
    repo.tag("v1.10.0");
    repo.commit("fix: c");
    repo.commit("random words");

    Result current = oasis("--output", "json", "version", "current");
    assertThat(current.code()).as(current.err()).isZero();
    JsonNode c = new ObjectMapper().readTree(current.out());
    assertThat(c.get("version").asText()).isEqualTo("1.10.0");
    assertThat(c.get("released").asBoolean()).isTrue();

    Result next = oasis("--output", "json", "version", "next");
    JsonNode n = new ObjectMapper().readTree(next.out());
    assertThat(n.get("next").asText()).isEqualTo("1.10.1");
    assertThat(n.get("nonConventional").get(0).get("subject").asText()).isEqualTo("random words");
    assertThat(n.has("changes")).isFalse();

    Result text = oasis("-v", "version", "next", "--pre", "rc");
    assertThat(text.out().strip()).isEqualTo("1.10.1-rc.1");
    assertThat(text.err()).contains("1 not conventional", "not conventional: ", "random words");

    Result verbose = oasis("-v", "version", "current");
    assertThat(verbose.out().strip()).isEqualTo("1.10.0");
    assertThat(verbose.err()).contains("ignored tags", "not-a-version");
  }

  @Test
  void noReleaseYetIsSaidPlainly() throws Exception {
    Result text = oasis("version", "current");
    assertThat(text.code()).isZero();
    assertThat(text.out().strip()).isEqualTo("0.0.0 (no release yet)");
    JsonNode c = new ObjectMapper().readTree(oasis("--output", "json", "version", "current").out());
    assertThat(c.get("released").asBoolean()).isFalse();
  }

  @Test
  void badPrereleaseIdIsBadInput() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("version", "next", "--pre", "rc.1").code()).isEqualTo(2);
  }

  @Test
  void failedTaggingPutsTheRepositoryBack() throws Exception {
    repo.commit("feat: a");
    var config = repo.git.getRepository().getConfig();
    config.setString("user", null, "signingkey", "0xDEADBEEFDEADBEEF");
    config.save();
    String before = state();
    Result r = oasis("release");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.err()).contains("release v0.1.0 failed", "back at commit");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void existingManifestWithoutATagIsAConflict() throws Exception {
    repo.write("releases/v0.1.0.yaml", "schema: 1\n");
    repo.git.add().addFilepattern("releases").call();
    repo.commit("feat: a");
    Result r = oasis("release");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("0.1.0 already has releases/v0.1.0.yaml");
  }

  @Test
  void helpOfTheNewCommandsNamesTheirOptions() {
    Result release = oasis("release", "--help");
    assertThat(release.code()).isZero();
    assertThat(release.out()).contains("--version=X.Y.Z", "--pre=ID", "--dry-run");
    Result next = oasis("version", "next", "--help");
    assertThat(next.code()).isZero();
    assertThat(next.out()).contains("--pre=ID", "Release-As");
  }

  @Test
  void preflightReadsTheManifestThatReleaseWrites() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("release").code()).isZero();
    oasis.release.ReleaseDocument read =
        new ReleaseRepository(dir).document(SemVersions.parse("0.1.0", "test"));
    ReleaseManifest written = new ReleaseRepository(dir).manifest("0.1.0");
    assertThat(read.artifacts()).isEqualTo(written.digests());
    assertThat(read.root().path("protoDescriptorDigest").asText())
        .isEqualTo(written.protoDescriptorDigest());
    assertThat(read.root().path("rollback").path("steps").isArray()).isTrue();
    assertThat(read.root().path("deployWindow").path("staging").path("start").asText())
        .isEqualTo("09:00");
    assertThat(read.root().path("deployWindow").path("staging").path("end").asText())
        .isEqualTo("16:00");
    assertThat(Files.readString(dir.resolve("releases/v0.1.0.yaml")))
        .as("times quoted: YAML 1.1 reads 16:00 as a number")
        .contains("end: \"16:00\"");
    assertThat(read.notes()).exists();
  }

  @Test
  void prereleasesCountUpAndAForcedVersionTakesThePreId() throws Exception {
    repo.commit("feat: a");
    assertThat(oasis("release", "--pre", "rc").code()).isZero();
    repo.commit("fix: b");
    Result second = oasis("release", "--pre", "rc");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("Released v0.1.0-rc.2");
    assertThat(git(dir, "cat-file", "-t", "v0.1.0-rc.2")).isEqualTo("tag");
    Result forced = oasis("release", "--version", "2.0.0", "--pre", "beta");
    assertThat(forced.out()).as(forced.err()).contains("Released v2.0.0-beta.1");
    Result both = oasis("release", "--version", "2.0.0-rc.1", "--pre", "rc");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("already a prerelease");
  }

  @Test
  void dryRunInADirtyTreeSaysWhatARealRunWouldRefuse() throws Exception {
    repo.commit("feat: a");
    repo.write("notes.txt", "draft");
    Result r = oasis("release", "--dry-run");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("uncommitted changes: notes.txt");
  }

  @Test
  void aVersionNotAboveEveryTagIsRefusedNamingTheHigherTag() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.0.0-rc.10");
    repo.commit("fix: b");
    Result lower = oasis("release", "--version", "0.9.0");
    assertThat(lower.code()).isEqualTo(2);
    assertThat(lower.err()).contains("0.9.0", "not above the release tag v1.0.0-rc.10");
    Result lowerPre = oasis("release", "--pre", "beta", "--dry-run");
    assertThat(lowerPre.code()).isEqualTo(2);
    assertThat(lowerPre.err()).contains("1.0.0-beta.1", "v1.0.0-rc.10", "--pre rc");
    Result next = oasis("release", "--pre", "rc", "--dry-run");
    assertThat(next.out()).as(next.err()).contains("Would release v1.0.0-rc.11");
  }
}
