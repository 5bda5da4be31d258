package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.config.ConfigException;
import oasis.config.ProjectLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPreloadTest {

  @TempDir Path dir;

  private void project(String yaml) throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), yaml);
  }

  private static final String VALID =
      """
      defaultEnvironment: staging
      components:
        alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}, dependsOn: []}
      environments:
        staging: {target: local}
      """;

  @Test
  void aCommandThatLoadsTheProjectGetsTheOneReadBesideItsModel() throws Exception {
    project(VALID);
    ProjectPreload.start("--project-dir", dir.toString(), "status", "--env", "staging");
    assertThat(ProjectPreload.started(dir)).isTrue();
    assertThat(ProjectPreload.load(dir).config()).isEqualTo(ProjectLoader.load(dir).config());
    assertThat(ProjectPreload.started(dir)).as("taken once; a second load reads again").isFalse();
  }

  @Test
  void anInvalidFileFailsTheCommandAsALoadOnTheMainThreadWould() throws Exception {
    project(VALID.replace("target: local", "target: nowhere"));
    Throwable direct = catchThrowable(() -> ProjectLoader.load(dir));
    assertThat(direct).isInstanceOf(ConfigException.class);
    ProjectPreload.start("--project-dir=" + dir, "--output", "json", "deploy");
    assertThatThrownBy(() -> ProjectPreload.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(direct.getMessage());
  }

  @Test
  void commandsThatReadNoProjectFirstAndHelpStartNothing() throws Exception {
    project(VALID);
    for (String[] args :
        new String[][] {
          {"--project-dir", dir.toString(), "rollout", "abort", "--env", "staging"},
          {"--project-dir", dir.toString(), "status", "--help"},
          {"--project-dir", dir.toString(), "version", "next"},
          {"--project-dir", dir.toString()}
        }) {
      ProjectPreload.start(args);
      assertThat(ProjectPreload.started(dir)).as(String.join(" ", args)).isFalse();
    }
  }

  @Test
  void aPreloadOfAnotherDirectoryIsNotTaken() throws Exception {
    project(VALID);
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("oasis.yaml"), VALID.replace("alpha", "beta"));
    ProjectPreload.start("--project-dir", other.toString(), "status");
    assertThat(ProjectPreload.load(dir).config().components()).containsOnlyKeys("alpha");
    assertThat(ProjectPreload.started(other)).isFalse();
  }
}
