package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.release.SemVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semver4j.Semver;

class ReleasesTest {

  @TempDir Path dir;

  private void manifest(String tag) throws Exception {
    Files.createDirectories(dir.resolve("releases"));
    Files.writeString(dir.resolve("releases").resolve(tag + ".yaml"), "version: \"" + tag + "\"\n");
  }

  @Test
  void manifestsAreOrderedBySemanticVersionPrecedence() throws Exception {
    for (String tag : new String[] {"v1.10.0", "v1.0.0-rc.10", "v1.9.0", "v1.0.0-rc.2", "v1.0.0"}) {
      manifest(tag);
    }
    Files.writeString(dir.resolve("releases").resolve("notes.yaml"), "not: a release\n");

    assertThat(Releases.in(dir).versions())
        .extracting(Semver::getVersion)
        .containsExactly("1.0.0-rc.2", "1.0.0-rc.10", "1.0.0", "1.9.0", "1.10.0");
  }

  @Test
  void theReleaseBeforeAPrereleaseComparesNumericIdentifiersNumerically() throws Exception {
    manifest("v1.0.0-rc.2");
    manifest("v1.0.0-rc.10");

    Release before =
        Releases.in(dir).before(SemVersions.parse("1.0.0-rc.10", "test")).orElseThrow();

    assertThat(before.tag()).isEqualTo("v1.0.0-rc.2");
  }
}
