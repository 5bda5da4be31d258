package oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReleaseCatalogTest {

  @Test
  void findsThePinnedDigestsOfAReleaseWithOrWithoutTheV(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("v1.2.0.yaml"),
        """
        version: 1.2.0
        commit: 0123456789abcdef
        components:
          order-manager: {digest: "sha256:aaa"}
          risk-engine: "sha256:bbb"
        infrastructure:
          kafka: {digest: "sha256:kkk"}
        """);
    var catalog = new ManifestReleaseCatalog(dir);
    Release r = catalog.find("v1.2.0").orElseThrow();
    assertThat(r.version()).isEqualTo("1.2.0");
    assertThat(r.commit()).isEqualTo("0123456789abcdef");
    assertThat(r.artifacts())
        .containsEntry("order-manager", "sha256:aaa")
        .containsEntry("risk-engine", "sha256:bbb")
        .containsEntry("kafka", "sha256:kkk");
    assertThat(catalog.find("1.2.0")).isPresent();
    assertThat(catalog.find("1.3.0")).isEmpty();
  }

  @Test
  void aMalformedVersionIsBadInput(@TempDir Path dir) {
    assertThatThrownBy(() -> new ManifestReleaseCatalog(dir).find("latest"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("malformed version 'latest'")
        .satisfies(e -> assertThat(((OasisException) e).kind().exitCode()).isEqualTo(2));
  }

  @Test
  void aManifestWithoutDigestsIsBadInput(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v1.0.0.yaml"), "version: 1.0.0\ncommit: abc\n");
    assertThatThrownBy(() -> new ManifestReleaseCatalog(dir).find("1.0.0"))
        .hasMessageContaining("pins no artifact digests");
  }
}
