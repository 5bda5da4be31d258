package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oasis.artifact.image.LocalRegistry;
import oasis.runtime.docker.DockerAvailable;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oasis build --push} with the packaged CLI against a real registry (Debian's
 * docker-registry on loopback) and the real Docker engine: each component's image lands in the
 * environment's registry and is named by the digest the registry serves; an unchanged build pushes
 * nothing; {@code export kubernetes} names exactly those digests.
 */
class BuildPushIT {

  static final List<String> COMPONENTS = List.of("alpha", "beta");

  @TempDir Path tmp;
  LocalRegistry registry;
  TestProject project;

  @BeforeEach
  void setUp() throws Exception {
    DockerAvailable.assume();
    registry = LocalRegistry.start(tmp.resolve("registry"));
    project = new TestProject(Files.createDirectories(tmp.resolve("project")));
    TestProject.copyTree(
        TestProject.REPO.resolve("templates/docker"), project.dir.resolve("templates/docker"));
    String yaml = Files.readString(project.dir.resolve("oasis.yaml"));
    project.write(
        "oasis.yaml",
        yaml
            + """
              production:
                target: kubernetes
                namespace: oasis-it
                kubernetes:
                  registry: %s/it
            """
                .formatted(registry.address()));
    project.commit("a kubernetes environment with a registry");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void eachComponentIsPushedOnceByDigestAndTheExportNamesThatDigest() throws Exception {
    CliResult first = project.run("build", "--push", "--env", "production", "--output", "json");
    assertThat(first.code()).as("%s\n%s", first.err(), registry.log()).isZero();
    JsonNode pushed = new ObjectMapper().readTree(first.out()).get("pushed");
    assertThat(pushed).as(first.out()).isNotNull();
    for (String c : COMPONENTS) {
      JsonNode p = pushed.get(c);
      assertThat(p).as("%s in %s", c, pushed).isNotNull();
      String ref = p.get("ref").asText();
      assertThat(ref).startsWith(registry.address() + "/it/" + c + "@sha256:");
      assertThat(p.get("pushed").asBoolean()).isTrue();
      String digest = ref.substring(ref.indexOf('@') + 1);
      assertThat(registry.manifestDigest("it/" + c, digest))
          .as("the registry serves %s by the recorded digest", c)
          .isEqualTo(digest);
    }

    CliResult again = project.run("build", "--push", "--env", "production");
    assertThat(again.code()).as(again.err()).isZero();
    for (String c : COMPONENTS) {
      assertThat(again.out())
          .as("unchanged: not pushed again")
          .contains("pushed " + c)
          .contains(pushed.get(c).get("ref").asText() + " (pushed before)");
    }
    assertThat(again.err()).doesNotContain("pushing ");

    Path out = tmp.resolve("k8s");
    CliResult export =
        project.run("export", "kubernetes", "--env", "production", "--dir", out.toString());
    assertThat(export.code()).as(export.err()).isZero();
    for (String c : COMPONENTS) {
      assertThat(Files.readString(out.resolve("base/deployment-" + c + ".yaml")))
          .contains("image: \"" + pushed.get(c).get("ref").asText() + "\"");
    }
  }

  @Test
  void anEnvironmentWithoutARegistryIsRefusedBeforeAnythingIsBuilt() throws Exception {
    CliResult r = project.run("build", "--push", "--env", "staging");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'staging' names no kubernetes.registry");
    assertThat(project.dir.resolve(".oasis/artifacts")).as("nothing built").doesNotExist();
  }

  @Test
  void anUnreachableRegistryFailsNamingTheImageAndWhatToCheck() throws Exception {
    registry.close(); // oasis.yaml names its address, where nothing listens now
    CliResult r = project.run("build", "--push", "--env", "production");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("pushing " + registry.address() + "/it/");
    assertThat(r.err()).contains("docker login");
  }
}
