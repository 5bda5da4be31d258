package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import oasis.testing.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a reachable engine the docker verbs stop with exit 3 naming the address. */
class DockerUnreachableIT {

  @TempDir Path tmp;

  @Test
  void statusAndDeployOnADockerEnvironmentWithoutAnEngineExitThreeNamingTheAddress()
      throws Exception {
    TestProject project = new TestProject(tmp, "nodocker");
    project.extraEnv.put("DOCKER_HOST", "tcp://127.0.0.1:9");
    project.run("deploy", "--env", "staging", "--dry-run"); // the local target is unaffected
    CliResult deploy = project.run("deploy", "--env", "nodocker", "--timeout", "20s");
    assertThat(deploy.code()).as(deploy.err()).isEqualTo(3);
    assertThat(deploy.err())
        .contains("no Docker engine reachable at tcp://127.0.0.1:9", "DOCKER_HOST")
        .doesNotContain("Exception");
    CliResult images = project.run("build", "--images", "--env", "nodocker");
    assertThat(images.code()).as(images.err()).isEqualTo(3);
    CliResult history = project.run("--output", "json", "history", "--env", "nodocker");
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.json().get(0).get("state").asText())
        .as("the revision is failed, not left progressing")
        .isEqualTo("failed");
  }
}
