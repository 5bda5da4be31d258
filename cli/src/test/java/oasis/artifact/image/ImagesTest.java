package oasis.artifact.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;

class ImagesTest {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @Test
  void theProbeClassFileIsCopiedWhereItsNameSaysAndTheTemplatesRunIt() throws Exception {
    assertThat(Images.PROBE_CLASS).isEqualTo("oasis/artifact/image/HealthProbe.class");
    assertThat(Images.probeClass()).as("the class file is on the class path").isNotEmpty();
    for (String t :
        new String[] {"templates/docker/Dockerfile", "templates/docker/redis.Dockerfile"}) {
      String text = Files.readString(REPO.resolve(t));
      assertThat(Images.probeNamed(text, t)).as(t).contains("oasis.artifact.image.HealthProbe");
    }
  }

  @Test
  void aTemplateThatRunsTheOldProbeClassFailsNamingTheFix() {
    String old =
        "HEALTHCHECK CMD [\"java\", \"-cp\", \"/opt/oasis/probe\", \"oasis.runtime.docker.HealthProbe\"]";
    assertThatThrownBy(() -> Images.probeNamed(old, "templates/docker/Dockerfile"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("templates/docker/Dockerfile")
        .hasMessageContaining("oasis.artifact.image.HealthProbe");
    assertThat(Images.probeNamed("FROM scratch\n", "t"))
        .as("no probe at all is the template's choice")
        .isEqualTo("FROM scratch\n");
  }
}
