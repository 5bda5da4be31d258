package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semver4j.Semver;

class SemVersionsTest {

  private static Semver v(String s) {
    return SemVersions.parseTag(s).orElseThrow();
  }

  @Test
  void precedenceFollowsSemVer2() {
    List<String> sorted =
        Stream.of(
                "1.10.0",
                "1.9.0",
                "1.0.0-rc.10",
                "1.0.0-rc.2",
                "1.0.0",
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.11",
                "1.0.0-beta.2")
            .map(SemVersionsTest::v)
            .sorted(SemVersions.PRECEDENCE)
            .map(Semver::getVersion)
            .toList();
    assertThat(sorted)
        .containsExactly(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.2",
            "1.0.0-rc.10",
            "1.0.0",
            "1.9.0",
            "1.10.0");
  }

  @Test
  void buildMetadataIsIgnoredInPrecedence() {
    assertThat(SemVersions.samePrecedence(v("1.2.0+build.7"), v("1.2.0"))).isTrue();
    assertThat(SemVersions.PRECEDENCE.compare(v("1.2.0+zzz"), v("1.2.1+aaa"))).isNegative();
  }

  @Test
  void vPrefixIsAccepted() {
    assertThat(v("v1.2.3").getVersion()).isEqualTo("1.2.3");
    assertThat(SemVersions.tag(v("1.2.3"))).isEqualTo("v1.2.3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "v1.2",
        "1.2.3.4",
        "release-1.2.3",
        "01.2.3",
        "1.2.3-rc.01",
        "vv1.2.3",
        "V1.2.3",
        "1.2.3 ",
        "=1.2.3",
        "v",
        ""
      })
  void nonSemverTagsAreNotVersions(String tag) {
    assertThat(SemVersions.parseTag(tag)).as(tag).isEmpty();
  }

  @Test
  void malformedVersionIsBadInput() {
    assertThatThrownBy(() -> SemVersions.parse("1.2", "--version"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("malformed version '1.2' in --version")
        .satisfies(
            e -> assertThat(((OasisException) e).kind()).isEqualTo(OasisException.Kind.BAD_INPUT));
  }

  @Test
  void prereleaseIdentifiersAreChecked() {
    assertThat(SemVersions.checkPreId("rc")).isEqualTo("rc");
    for (String bad : new String[] {"", "rc.1", "r c", "12", "rc+1"}) {
      assertThatThrownBy(() -> SemVersions.checkPreId(bad))
          .as(bad)
          .isInstanceOf(OasisException.class);
    }
  }
}
