package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import oasis.config.ReleaseConfig;
import oasis.core.OasisException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Current and next versions of real git repositories written with JGit. */
class VersionEngineTest {

  @TempDir Path dir;
  GitFixture repo;

  @BeforeEach
  void init() throws Exception {
    repo = GitFixture.init(dir);
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private CurrentVersion current() {
    try (GitRepo git = GitRepo.open(dir)) {
      return new VersionEngine(git, ReleaseConfig.defaults()).current();
    }
  }

  private NextVersion next(String pre) {
    return next(pre, ReleaseConfig.defaults());
  }

  private NextVersion next(String pre, ReleaseConfig config) {
    try (GitRepo git = GitRepo.open(dir)) {
      return new VersionEngine(git, config).next(pre);
    }
  }

  @Test
  void currentIsTheHighestByPrecedenceNotByStringOrDate() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.10.0");
    repo.commit("fix: b");
    repo.annotatedTag("v1.9.0");
    CurrentVersion current = current();
    assertThat(current.version()).isEqualTo("1.10.0");
    assertThat(current.tag()).isEqualTo("v1.10.0");
    assertThat(current.released()).isTrue();
  }

  @Test
  void numericPrereleaseIdentifiersCompareNumerically() throws Exception {
    repo.commit("feat: a");
    repo.tag("1.0.0-rc.10");
    repo.commit("fix: b");
    repo.tag("1.0.0-rc.2");
    CurrentVersion current = current();
    assertThat(current.version()).isEqualTo("1.0.0-rc.10");
    assertThat(current.prerelease()).isTrue();
  }

  @Test
  void buildMetadataIsIgnoredAndNonSemverTagsAreReported() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.2.0+build.9");
    repo.tag("latest");
    repo.tag("v2");
    repo.tag("release-3.0.0");
    repo.commit("fix: b");
    repo.tag("v1.2.1-rc.1+zzz");
    CurrentVersion current = current();
    assertThat(current.version()).isEqualTo("1.2.1-rc.1+zzz");
    assertThat(current.ignoredTags()).containsExactly("latest", "release-3.0.0", "v2");
  }

  @Test
  void noTagIsNoReleaseYetNeverAWrongVersion() throws Exception {
    repo.commit("feat: a");
    CurrentVersion current = current();
    assertThat(current.released()).isFalse();
    assertThat(current.version()).isEqualTo("0.0.0");
    assertThat(current.tag()).isNull();
  }

  @Test
  void featBumpsMinorFixPatchOthersNothing() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.2.3");
    repo.commit("docs: readme");
    repo.commit("chore(ci): cache");
    NextVersion none = next(null);
    assertThat(none.changed()).isFalse();
    assertThat(none.bump()).isEqualTo("none");
    assertThat(none.next()).isEqualTo("1.2.3");
    repo.commit("perf(risk-engine): faster limits");
    assertThat(next(null).next()).isEqualTo("1.2.4");
    repo.commit("revert: undo x");
    assertThat(next(null).next()).isEqualTo("1.2.4");
    repo.commit("feat(order-manager): new order type");
    NextVersion minor = next(null);
    assertThat(minor.next()).isEqualTo("1.3.0");
    assertThat(minor.bump()).isEqualTo("minor");
    assertThat(minor.base()).isEqualTo("v1.2.3");
    assertThat(minor.commits()).isEqualTo(5);
    assertThat(minor.conventional()).isEqualTo(5);
  }

  @Test
  void breakingChangeBumpsMajor() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.4.2");
    repo.commit("fix: small");
    repo.commit("refactor(proto)!: rename fields");
    assertThat(next(null).next()).isEqualTo("2.0.0");
  }

  @Test
  void breakingChangeFooterBumpsMajor() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.4.2");
    repo.commit("fix(order-manager): x\n\nBREAKING CHANGE: ORDER_MODE renamed");
    NextVersion next = next(null);
    assertThat(next.next()).isEqualTo("2.0.0");
    assertThat(next.bump()).isEqualTo("major");
  }

  @Test
  void breakingChangeWhileZeroBumpsMinorUnlessConfigured() throws Exception {
    repo.commit("feat: first");
    repo.tag("v0.3.1");
    repo.commit("feat!: new API");
    assertThat(next(null).next()).isEqualTo("0.4.0");
    ReleaseConfig major = new ReleaseConfig(null, "major", null, null);
    assertThat(next(null, major).next()).isEqualTo("1.0.0");
  }

  @Test
  void configuredTypesBump() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.0.0");
    repo.commit("docs: manual");
    ReleaseConfig docsPatch = new ReleaseConfig(Map.of("docs", "patch"), null, null, null);
    assertThat(next(null, docsPatch).next()).isEqualTo("1.0.1");
    repo.commit("fix: y");
    ReleaseConfig fixNone = new ReleaseConfig(Map.of("fix", "none"), null, null, null);
    assertThat(next(null, fixNone).changed()).isFalse();
  }

  @Test
  void firstReleaseCountsFromZero() throws Exception {
    repo.commit("chore: init");
    repo.commit("feat: trading");
    NextVersion next = next(null);
    assertThat(next.base()).isNull();
    assertThat(next.current()).isEqualTo("0.0.0");
    assertThat(next.next()).isEqualTo("0.1.0");
  }

  @Test
  void nonConventionalCommitsAreCountedAndNamed() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.0.0");
    repo.commit("wip");
    repo.commit("fix: z");
    repo.commit("Update README.md");
    NextVersion next = next(null);
    assertThat(next.commits()).isEqualTo(3);
    assertThat(next.conventional()).isEqualTo(1);
    assertThat(next.nonConventional())
        .extracting(NextVersion.Skipped::subject)
        .containsExactly("Update README.md", "wip");
    assertThat(next.nonConventional().get(0).commit()).hasSize(7);
  }

  @Test
  void mergeCommitsAreCountedApart() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.0.0");
    repo.commit("fix: on main");
    repo.git.checkout().setCreateBranch(true).setName("topic").setStartPoint("v1.0.0").call();
    var topic = repo.commit("feat: on topic");
    repo.git.checkout().setName("main").call();
    repo.git.merge().include(topic).setMessage("Merge branch 'topic'").setCommit(true).call();
    NextVersion next = next(null);
    assertThat(next.merges()).isEqualTo(1);
    assertThat(next.nonConventional()).isEmpty();
    assertThat(next.next()).isEqualTo("1.1.0");
  }

  @Test
  void prereleaseIncrementsFromTheLastTaggedOne() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.2.0");
    repo.commit("feat: new");
    assertThat(next("rc").next()).isEqualTo("1.3.0-rc.1");
    repo.tag("v1.3.0-rc.1");
    repo.commit("fix: after rc1");
    NextVersion rc2 = next("rc");
    assertThat(rc2.next()).isEqualTo("1.3.0-rc.2");
    assertThat(rc2.base()).as("counted from the last stable release").isEqualTo("v1.2.0");
    assertThat(rc2.current()).isEqualTo("1.3.0-rc.1");
    repo.tag("v1.3.0-rc.2");
    repo.tag("v1.3.0-rc.10");
    assertThat(next("rc").next()).isEqualTo("1.3.0-rc.11");
    assertThatThrownBy(() -> next("beta"))
        .as("beta.1 sorts below rc.10, already released")
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("v1.3.0-rc.10");
    assertThat(next(null).next()).as("without --pre: the release itself").isEqualTo("1.3.0");
  }

  @Test
  void releaseAsFooterForcesTheVersion() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.2.0");
    repo.commit("chore: prepare 2.0\n\nRelease-As: 2.0.0");
    repo.commit("fix: small");
    NextVersion next = next(null);
    assertThat(next.next()).isEqualTo("2.0.0");
    assertThat(next.releaseAs()).isEqualTo("2.0.0");
    assertThat(next("rc").next()).isEqualTo("2.0.0-rc.1");
  }

  @Test
  void releaseAsInANonConventionalCommitStillForcesTheVersion() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.2.0");
    repo.commit("Prepare the big one\n\nRelease-As: v3.0.0");
    NextVersion next = next(null);
    assertThat(next.next()).isEqualTo("3.0.0");
    assertThat(next.nonConventional()).hasSize(1);
  }

  @Test
  void releaseAsBelowTheCurrentReleaseIsBadInput() throws Exception {
    repo.commit("feat: first");
    repo.tag("v1.2.0");
    repo.commit("fix: x\n\nRelease-As: 1.1.0");
    assertThatThrownBy(() -> next(null))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("Release-As 1.1.0")
        .hasMessageContaining("not above the current release 1.2.0");
  }

  @Test
  void malformedReleaseAsIsBadInputNamingTheCommit() throws Exception {
    repo.commit("feat: first");
    var c = repo.commit("fix: x\n\nRelease-As: two");
    assertThatThrownBy(() -> next(null))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("malformed version 'two'")
        .hasMessageContaining(c.name().substring(0, 7));
  }

  @Test
  void notAGitRepositoryIsAConflictWithAHint(@TempDir Path plain) {
    assertThatThrownBy(() -> GitRepo.open(plain).close())
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("no git repository")
        .satisfies(
            e -> assertThat(((OasisException) e).kind()).isEqualTo(OasisException.Kind.CONFLICT));
  }

  @Test
  void aPrereleaseLineWithoutStableReleaseContinuesInsteadOfGoingBackwards() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.0.0-rc.2");
    repo.commit("feat: b");
    repo.tag("v1.0.0-rc.10");
    repo.tag("v1.0.0-beta.11");
    repo.commit("fix: c");
    assertThat(current().version()).isEqualTo("1.0.0-rc.10");
    assertThat(next(null).next()).as("the stable the line carries").isEqualTo("1.0.0");
    assertThat(next("rc").next()).as("rc.10 < rc.11 numerically").isEqualTo("1.0.0-rc.11");
    assertThatThrownBy(() -> next("beta"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("1.0.0-beta.12")
        .hasMessageContaining("not above the release tag v1.0.0-rc.10")
        .extracting(e -> ((OasisException) e).kind())
        .isEqualTo(OasisException.Kind.BAD_INPUT);
  }

  @Test
  void commitsThatCallForMoreThanThePrereleaseCarriesWin() throws Exception {
    repo.commit("feat: a");
    repo.tag("v1.0.0");
    repo.commit("feat: b");
    repo.tag("v1.1.0-rc.1");
    repo.commit("fix: c");
    assertThat(next(null).next()).as("the rc line already carries the minor").isEqualTo("1.1.0");
    assertThat(next("rc").next()).isEqualTo("1.1.0-rc.2");
    repo.commit("feat!: d");
    assertThat(next(null).next()).as("a breaking change calls for more").isEqualTo("2.0.0");
    assertThat(next("rc").next()).isEqualTo("2.0.0-rc.1");
  }

  @Test
  void releaseAsBelowAPrereleaseTagIsRefused() throws Exception {
    repo.commit("feat: a");
    repo.tag("v2.0.0-rc.1");
    repo.commit("fix: x\n\nRelease-As: 1.5.0");
    assertThatThrownBy(() -> next(null))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("not above the current release 2.0.0-rc.1");
  }
}
