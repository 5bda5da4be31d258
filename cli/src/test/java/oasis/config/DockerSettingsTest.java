package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker keys of oasis.yaml: resource limits and an environment's docker settings. */
class DockerSettingsTest {

  @TempDir Path dir;

  @Test
  void limitsAndDockerSettingsAreRead() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: d
        components:
          a: {module: m, mainClass: A, resources: {memory: 512m, cpus: 0.5}}
        infrastructure:
          kafka: {kind: kafka, resources: {memory: 1g}}
        environments:
          d:
            target: docker
            docker: {baseImage: eclipse-temurin:17-jre, restartPolicy: always}
          l: {target: local}
        """);
    Project p = ProjectLoader.load(dir);
    Resources a = p.config().components().get("a").resources();
    assertThat(a.memoryBytes()).isEqualTo(512L << 20);
    assertThat(a.nanoCpus()).isEqualTo(500_000_000L);
    assertThat(p.config().infrastructure().get("kafka").resources().memoryBytes())
        .isEqualTo(1L << 30);
    DockerSettings d = p.environment("d").getValue().docker();
    assertThat(d.baseImage()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(d.offlineBase()).isFalse();
    assertThat(d.restartPolicy()).isEqualTo("always");
    DockerSettings l = p.environment("l").getValue().docker();
    assertThat(l.offlineBase()).as("default: the offline base image").isTrue();
    assertThat(l.restartPolicy()).isEqualTo("unless-stopped");
  }

  @Test
  void badLimitsAndSettingsNameTheirLines() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: d
        components:
          a:
            module: m
            mainClass: A
            resources: {memory: lots, cpus: 0}
        infrastructure:
          kafka:
            kind: kafka
            resources: {memory: 10m}
        environments:
          d:
            target: docker
            docker:
              restartPolicy: sometimes
              baseImage: "Not An Image"
        """);
    assertThatThrownBy(() -> ProjectLoader.load(dir))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::line, Problem::message)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                            6, "resources of 'a': memory 'lots' is not a size such as 512m or 1g"),
                        org.assertj.core.groups.Tuple.tuple(
                            6,
                            "resources of 'a': cpus 0.0 is not a CPU count above 0 (such as 0.5"
                                + " or 2)"),
                        org.assertj.core.groups.Tuple.tuple(
                            10,
                            "resources of 'kafka': memory '10m' is below 64m, too little for a"
                                + " JVM"),
                        org.assertj.core.groups.Tuple.tuple(
                            15,
                            "environment 'd': restartPolicy 'sometimes' is not a Docker restart"
                                + " policy"),
                        org.assertj.core.groups.Tuple.tuple(
                            16,
                            "environment 'd': baseImage 'Not An Image' is not an image"
                                + " reference")));
  }

  @Test
  void unknownDockerKeyIsRejectedWithTheAllowedOnes() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: d
        components:
          a: {module: m, mainClass: A}
        environments:
          d:
            target: docker
            docker: {image: x}
        """);
    assertThatThrownBy(() -> ProjectLoader.load(dir))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("oasis.yaml:7", "unknown key 'image'", "baseImage", "restartPolicy"));
  }
}
