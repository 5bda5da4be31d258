package oasis.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which environment's registry {@code build --push} pushes to, as its --help says. */
class PushEnvironmentTest {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  Project project(String yaml) throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), yaml);
    return ProjectLoader.load(dir);
  }

  String repositoryYaml() throws Exception {
    return Files.readString(REPO.resolve("oasis.yaml"));
  }

  @Test
  void withoutEnvTheOnlyEnvironmentWithARegistry() throws Exception {
    // this repository: staging is the default and has none; production has one
    assertThat(BuildWorkflow.pushEnvironment(project(repositoryYaml()), null))
        .isEqualTo("production");
  }

  @Test
  void withoutEnvTheDefaultEnvironmentWhenItHasARegistry() throws Exception {
    String yaml =
        repositoryYaml()
            .replace("defaultEnvironment: staging", "defaultEnvironment: production")
            .replace(
                "  staging-docker:\n    target: docker\n",
                "  staging-docker:\n    target: docker\n"
                    + "    kubernetes: {registry: registry.example.com/other}\n");
    assertThat(yaml).contains("registry.example.com/other");
    assertThat(BuildWorkflow.pushEnvironment(project(yaml), null)).isEqualTo("production");
  }

  @Test
  void twoRegistriesAndNoDefaultAmongThemAskForEnv() throws Exception {
    String yaml =
        repositoryYaml()
            .replace(
                "  staging-docker:\n    target: docker\n",
                "  staging-docker:\n    target: docker\n"
                    + "    kubernetes: {registry: registry.example.com/other}\n");
    assertThatThrownBy(() -> BuildWorkflow.pushEnvironment(project(yaml), null))
        .isInstanceOfSatisfying(
            OasisException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OasisException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).contains("production").contains("staging-docker");
              assertThat(e.hint()).contains("--env");
            });
  }

  @Test
  void anEnvironmentWithoutARegistryIsRefusedNamingTheSetting() throws Exception {
    assertThatThrownBy(() -> BuildWorkflow.pushEnvironment(project(repositoryYaml()), "staging"))
        .isInstanceOfSatisfying(
            OasisException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OasisException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).contains("'staging' names no kubernetes.registry");
            });
  }
}
