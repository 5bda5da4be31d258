package oasis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {

  @Test
  void inputsDigestChangesWithSourcesPomsAndReactorDependenciesButNotTarget(@TempDir Path root)
      throws Exception {
    write(
        root,
        "pom.xml",
        "<project><artifactId>p</artifactId><version>2.3.0-SNAPSHOT</version><modules><module>lib</module><module>svc</module></modules></project>");
    write(root, "lib/pom.xml", "<project><artifactId>lib</artifactId></project>");
    write(root, "lib/src/L.java", "class L {}");
    write(
        root,
        "svc/pom.xml",
        "<project><artifactId>svc</artifactId><dependencies><dependency><artifactId>lib</artifactId></dependency></dependencies></project>");
    write(root, "svc/src/S.java", "class S {}");
    SourceTree tree = new SourceTree(root);
    assertThat(tree.baseVersion()).isEqualTo("2.3.0");
    assertThat(tree.artifactId("svc")).isEqualTo("svc");
    String d0 = tree.inputsDigest("svc");
    write(root, "svc/target/S.class", "binary");
    assertThat(new SourceTree(root).inputsDigest("svc")).as("target/ is output").isEqualTo(d0);
    write(root, "lib/src/L.java", "class L { int x; }");
    String d1 = new SourceTree(root).inputsDigest("svc");
    assertThat(d1).as("a reactor dependency changed").isNotEqualTo(d0);
    write(
        root,
        "pom.xml",
        "<project><artifactId>p</artifactId><version>2.4.0-SNAPSHOT</version><modules><module>lib</module><module>svc</module></modules></project>");
    assertThat(new SourceTree(root).inputsDigest("svc"))
        .as("the parent pom changed")
        .isNotEqualTo(d1);
    assertThat(tree.exists("svc")).isTrue();
    assertThat(tree.exists("nope")).isFalse();
  }

  private static void write(Path root, String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
