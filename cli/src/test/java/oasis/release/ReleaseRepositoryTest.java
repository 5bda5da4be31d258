package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semver4j.Semver;

class ReleaseRepositoryTest {

  @TempDir Path dir;

  private void manifest(String tag, String yaml) throws Exception {
    Files.createDirectories(dir.resolve("releases"));
    Files.writeString(dir.resolve("releases").resolve(tag + ".yaml"), yaml);
  }

  @Test
  void manifestRoundTripsThroughYaml() throws Exception {
    ReleaseRepository releases = new ReleaseRepository(dir);
    PromotionGateTest.MANIFEST.write(releases.manifestFile(Semver.parse("1.3.0")));
    String yaml = Files.readString(dir.resolve("releases/v1.3.0.yaml"));
    assertThat(yaml)
        .startsWith("schema: 1\nversion: \"1.3.0\"\ntag: \"v1.3.0\"\n")
        .contains("order-manager:");
    assertThat(releases.manifest("1.3.0")).isEqualTo(PromotionGateTest.MANIFEST);
    assertThat(releases.manifest("v1.3.0").digests())
        .containsEntry("order-manager", PromotionGateTest.A)
        .containsEntry("risk-engine", PromotionGateTest.B);
  }

  @Test
  void theStrictAndTheLenientReadingAgreeOnWhatReleaseWrites() throws Exception {
    ReleaseRepository releases = new ReleaseRepository(dir);
    PromotionGateTest.MANIFEST.write(releases.manifestFile(Semver.parse("1.3.0")));

    ReleaseDocument lenient = releases.document(Semver.parse("1.3.0"));

    assertThat(lenient.artifacts()).isEqualTo(releases.manifest("1.3.0").digests());
    assertThat(lenient.commit()).isEqualTo(PromotionGateTest.MANIFEST.commit());
  }

  @Test
  void onlyTheLenientReadingTakesAnOlderManifestShape() throws Exception {
    manifest(
        "v1.2.0",
        """
        version: 1.2.0
        commit: 0123456789abcdef
        components:
          order-manager: {digest: "sha256:aaa"}
          risk-engine: "sha256:bbb"
        infrastructure:
          kafka: {digest: "sha256:kkk"}
        """);
    ReleaseRepository releases = new ReleaseRepository(dir);

    assertThat(releases.findDocument(Semver.parse("1.2.0")).orElseThrow().artifacts())
        .containsEntry("order-manager", "sha256:aaa")
        .containsEntry("risk-engine", "sha256:bbb")
        .containsEntry("kafka", "sha256:kkk");
    assertThatThrownBy(() -> releases.manifest("1.2.0"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("v1.2.0.yaml is malformed");
  }

  @Test
  void unknownReleaseIsBadInputListingTheKnownOnesOldestFirst() throws Exception {
    ReleaseRepository releases = new ReleaseRepository(dir);
    PromotionGateTest.MANIFEST.write(releases.manifestFile(Semver.parse("1.3.0")));
    manifest("v1.2.0", "version: 1.2.0\n");
    assertThatThrownBy(() -> releases.manifest("1.4.0"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("unknown release '1.4.0'")
        .satisfies(e -> assertThat(((OasisException) e).kind().exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(((OasisException) e).hint()).contains("1.2.0, 1.3.0"));
    assertThatThrownBy(() -> releases.document(Semver.parse("1.4.0")))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("unknown release 1.4.0: no releases/v1.4.0.yaml")
        .satisfies(e -> assertThat(((OasisException) e).hint()).contains("1.2.0, 1.3.0"));
    assertThat(releases.findDocument(Semver.parse("1.4.0"))).isEmpty();
    assertThatThrownBy(() -> releases.manifest("one"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("malformed version 'one'");
  }

  @Test
  void malformedManifestIsBadInputNamingTheFile() throws Exception {
    manifest("v2.0.0", "version: 2.0.0\nartefacts: {}\n");
    assertThatThrownBy(() -> new ReleaseRepository(dir).manifest("2.0.0"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("v2.0.0.yaml is malformed");
  }

  @Test
  void versionsAreOldestFirstBySemanticVersionPrecedence() throws Exception {
    for (String tag : new String[] {"v1.10.0", "v1.0.0-rc.10", "v1.9.0", "v1.0.0-rc.2", "v1.0.0"}) {
      manifest(tag, "version: \"" + tag + "\"\n");
    }
    manifest("README", "not: a release\n");
    manifest("notes", "not: a release\n");

    ReleaseRepository releases = new ReleaseRepository(dir);

    assertThat(releases.versions())
        .extracting(Semver::getVersion)
        .containsExactly("1.0.0-rc.2", "1.0.0-rc.10", "1.0.0", "1.9.0", "1.10.0");
    assertThat(releases.latestDocument().orElseThrow().tag()).isEqualTo("v1.10.0");
  }

  @Test
  void theReleaseBeforeAPrereleaseComparesNumericIdentifiersNumerically() throws Exception {
    manifest("v1.0.0-rc.2", "version: 1.0.0-rc.2\n");
    manifest("v1.0.0-rc.10", "version: 1.0.0-rc.10\n");

    ReleaseDocument before =
        new ReleaseRepository(dir)
            .documentBefore(SemVersions.parse("1.0.0-rc.10", "test"))
            .orElseThrow();

    assertThat(before.tag()).isEqualTo("v1.0.0-rc.2");
  }

  @Test
  void aDirectoryOfManifestsAnywhereIsReadTheSameWay() throws Exception {
    manifest("v1.0.0", "commit: abc\nartifacts: [{name: alpha, digest: \"sha256:aaa\"}]\n");

    ReleaseDocument read =
        ReleaseRepository.inDirectory(dir.resolve("releases"))
            .findDocument(Semver.parse("1.0.0"))
            .orElseThrow();

    assertThat(read.artifacts()).containsExactly(Map.entry("alpha", "sha256:aaa"));
    assertThat(read.commit()).isEqualTo("abc");
  }
}
