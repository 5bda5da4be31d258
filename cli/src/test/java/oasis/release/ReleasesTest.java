package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semver4j.Semver;

class ReleasesTest {

  @TempDir Path dir;

  @Test
  void manifestRoundTripsThroughYaml() throws Exception {
    Releases releases = new Releases(dir);
    PromotionGateTest.MANIFEST.write(releases.manifestFile(Semver.parse("1.3.0")));
    String yaml = Files.readString(dir.resolve("releases/v1.3.0.yaml"));
    assertThat(yaml)
        .startsWith("schema: 1\nversion: \"1.3.0\"\ntag: \"v1.3.0\"\n")
        .contains("order-manager:");
    assertThat(releases.find("1.3.0")).isEqualTo(PromotionGateTest.MANIFEST);
    assertThat(releases.find("v1.3.0").digests())
        .containsEntry("order-manager", PromotionGateTest.A)
        .containsEntry("risk-engine", PromotionGateTest.B);
  }

  @Test
  void unknownReleaseIsBadInputListingTheKnownOnes() throws Exception {
    Releases releases = new Releases(dir);
    PromotionGateTest.MANIFEST.write(releases.manifestFile(Semver.parse("1.3.0")));
    assertThatThrownBy(() -> releases.find("1.4.0"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("unknown release '1.4.0'")
        .satisfies(e -> assertThat(((OasisException) e).kind().exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(((OasisException) e).hint()).contains("1.3.0"));
    assertThatThrownBy(() -> releases.find("one"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("malformed version 'one'");
  }

  @Test
  void malformedManifestIsBadInputNamingTheFile() throws Exception {
    Files.createDirectories(dir.resolve("releases"));
    Files.writeString(dir.resolve("releases/v2.0.0.yaml"), "version: 2.0.0\nartefacts: {}\n");
    assertThatThrownBy(() -> new Releases(dir).find("2.0.0"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("v2.0.0.yaml is malformed");
  }

  @Test
  void versionsAreSortedByPrecedence() throws Exception {
    Files.createDirectories(dir.resolve("releases"));
    for (String v : new String[] {"v1.9.0", "v1.10.0", "v1.10.0-rc.2", "README"}) {
      Files.writeString(dir.resolve("releases/" + v + ".yaml"), "schema: 1\n");
    }
    assertThat(new Releases(dir).versions())
        .extracting(Semver::getVersion)
        .containsExactly("1.10.0", "1.10.0-rc.2", "1.9.0");
  }
}
