package oasis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLayoutTest {

  @TempDir Path project;

  @Test
  void everyPathLivesUnderTheProjectsStateDirectory() {
    StateLayout state = StateLayout.ofProject(project);

    assertThat(state.root()).isEqualTo(project.resolve(".oasis"));
    assertThat(state.artifacts()).isEqualTo(project.resolve(".oasis/artifacts"));
    assertThat(state.latestBuild()).isEqualTo(project.resolve(".oasis/builds/latest.json"));
    assertThat(state.buildRecord("1.0.0-dev+abc"))
        .isEqualTo(project.resolve(".oasis/builds/1.0.0-dev_abc.json"));
    assertThat(state.releaseDigests()).isEqualTo(project.resolve(".oasis/builds/digests.yaml"));
    assertThat(state.envDir("staging")).isEqualTo(project.resolve(".oasis/envs/staging"));
  }

  @Test
  void releaseDigestsAreReadFromTheOldLayoutOnlyWhileTheNewFileIsAbsent() throws Exception {
    StateLayout state = StateLayout.ofProject(project);
    assertThat(state.releaseDigestsToRead()).isEqualTo(state.releaseDigests());

    Files.createDirectories(state.legacyReleaseDigests().getParent());
    Files.writeString(state.legacyReleaseDigests(), "components: {}\n");
    assertThat(state.releaseDigestsToRead()).isEqualTo(state.legacyReleaseDigests());

    Files.createDirectories(state.builds());
    Files.writeString(state.releaseDigests(), "components: {}\n");
    assertThat(state.releaseDigestsToRead()).isEqualTo(state.releaseDigests());
  }

  @Test
  void retiringTheOldLayoutRemovesItsFileAndItsEmptyDirectory() throws Exception {
    StateLayout state = StateLayout.ofProject(project);
    Path legacyDir = state.legacyReleaseDigests().getParent();
    Files.createDirectories(legacyDir);
    Files.writeString(state.legacyReleaseDigests(), "components: {}\n");

    state.retireLegacyReleaseDigests();

    assertThat(legacyDir).doesNotExist();
    state.retireLegacyReleaseDigests();
  }
}
