package oasis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

  @Test
  void identicalLibrariesAreStoredOnceAndDigestsFollowContent(@TempDir Path dir) throws Exception {
    Path a = module(dir.resolve("a"), "a.jar", "A1", "shared lib");
    Path b = module(dir.resolve("b"), "b.jar", "B1", "shared lib");
    ArtifactStore store = new ArtifactStore(dir.resolve(".oasis"));
    String da = store.put("a", a.resolve("a.jar"), a.resolve("lib"));
    String db = store.put("b", b.resolve("b.jar"), b.resolve("lib"));
    assertThat(da).startsWith("sha256:").isNotEqualTo(db);
    try (var blobs = Files.list(store.root().resolve("blobs"))) {
      assertThat(blobs.count()).as("a.jar, b.jar and one shared lib").isEqualTo(3);
    }
    assertThat(store.put("a", a.resolve("a.jar"), a.resolve("lib")))
        .as("same content, same digest")
        .isEqualTo(da);
    Files.writeString(a.resolve("a.jar"), "A2");
    assertThat(store.put("a", a.resolve("a.jar"), a.resolve("lib"))).isNotEqualTo(da);
  }

  @Test
  void materializeLaysOutJarAndLib(@TempDir Path dir) throws Exception {
    Path a = module(dir.resolve("a"), "a.jar", "A1", "lib content");
    ArtifactStore store = new ArtifactStore(dir.resolve(".oasis"));
    String d = store.put("a", a.resolve("a.jar"), a.resolve("lib"));
    Path run = store.materialize(d);
    assertThat(Files.readString(run.resolve("a.jar"))).isEqualTo("A1");
    assertThat(Files.readString(run.resolve("lib/dep.jar"))).isEqualTo("lib content");
    assertThat(store.materialize(d)).isEqualTo(run);
    assertThat(store.classPath(d))
        .isEqualTo(run.resolve("a.jar") + ":" + run.resolve("lib") + "/*");
  }

  private static Path module(Path dir, String jar, String content, String lib) throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve(jar), content);
    Files.writeString(dir.resolve("lib/dep.jar"), lib);
    return dir;
  }
}
