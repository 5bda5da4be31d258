package oasis.cli;

import static oasis.testing.CliResult.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oasis.runtime.docker.DockerAvailable;
import oasis.testing.CliResult;
import oasis.testing.EnvironmentContainers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * deploy, status, redeploy, rollback, export compose and down on an environment with {@code target:
 * docker}: the packaged CLI against the real engine, a real Kafka broker and Redis in containers.
 */
class DockerDeployIT {

  @TempDir Path tmp;
  TestProject project;
  String env;
  EnvironmentContainers containers;
  DockerClient docker;

  @BeforeEach
  void setUp() throws Exception {
    DockerAvailable.assume();
    docker = DockerClientFactory.instance().client();
    env = "it-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    containers = new EnvironmentContainers(docker, env);
    project = new TestProject(tmp, env);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (project == null) {
      return;
    }
    CliResult down = project.run("down", "--env", env);
    containers.removeAll();
    assertThat(down.code()).as("down: %s", down.err()).isZero();
  }

  @Test
  void deployStatusRedeployRollbackExportAndDownOnTheDockerEngine() throws Exception {
    long t0 = System.nanoTime();
    CliResult a = timed("a", project.run("deploy", "--env", env, "--timeout", "150s"));
    assertThat(a.code()).as(a.err()).isZero();
    System.out.printf("docker deploy to ready: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(a.err()).contains("kafka ready", "redis ready", "alpha ready", "beta ready");
    assertThat(a.out()).contains("revision 1", "healthy");

    JsonNode s = status();
    String versionA = s.get("version").asText();
    assertThat(s.get("target").asText()).isEqualTo("docker");
    assertThat(s.get("state").asText()).isEqualTo("healthy");
    assertThat(s.get("redis").asText()).isEqualTo("redis-server");
    for (JsonNode c : s.get("components")) {
      assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
      assertThat(c.get("version").asText())
          .as("GetInfo through the published port")
          .isEqualTo(versionA);
      assertThat(c.get("endpoints").get("grpc").asText()).startsWith("127.0.0.1:");
      assertThat(c.get("endpoints").get("metrics").asText()).startsWith("http://127.0.0.1:");
    }
    assertThat(s.get("infrastructure")).hasSize(2);
    for (JsonNode i : s.get("infrastructure")) {
      assertThat(i.get("ready").asBoolean()).as(i.toString()).isTrue();
    }

    // the containers as the engine sees them: labels, limits, restart policy, loopback ports
    InspectContainerResponse beta = containers.inspect("beta");
    Map<String, String> labels = beta.getConfig().getLabels();
    assertThat(labels)
        .containsEntry("oasis.env", env)
        .containsEntry("oasis.component", "beta")
        .containsEntry("oasis.version", versionA)
        .containsEntry("oasis.track", "stable");
    assertThat(String.join(" ", labels.values())).doesNotContain(TestProject.SECRET);
    assertThat(beta.getHostConfig().getMemory()).isEqualTo(256L << 20);
    assertThat(beta.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(beta.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    assertThat(containers.inspect("kafka").getHostConfig().getMemory()).isEqualTo(768L << 20);
    for (Ports.Binding[] b : beta.getNetworkSettings().getPorts().getBindings().values()) {
      assertThat(b[0].getHostIp()).isEqualTo("127.0.0.1");
    }
    assertThat(List.of(beta.getConfig().getEnv()))
        .as("wiring in the container's variables; a secret only as its .env file")
        .contains("KAFKA_BROKERS=kafka:19092")
        .noneMatch(e -> e.contains(TestProject.SECRET));
    assertThat(beta.getConfig().getHealthcheck().getTest())
        .anyMatch(t -> t.contains("HealthProbe"));
    assertThat(docker.inspectImageCmd(beta.getImageId()).exec().getConfig().getEnv())
        .noneMatch(e -> e.contains(TestProject.SECRET));
    ExposedPort grpc = beta.getConfig().getExposedPorts()[0];
    assertThat(grpc.getPort()).isPositive();

    // the compose export names exactly these containers and images, and no secret
    Path compose = project.dir.resolve("out/compose.yml");
    CliResult export = project.run("export", "compose", "--env", env, "--file", compose.toString());
    assertThat(export.code()).as(export.err()).isZero();
    String yaml = Files.readString(compose);
    assertThat(yaml)
        .doesNotContain(TestProject.SECRET)
        .contains("\"../environments/docker.env:/opt/oasis/app/.env:ro\"")
        .doesNotContain("env_file:");
    for (Container c : containers.all()) {
      assertThat(yaml)
          .contains("container_name: " + c.getNames()[0].substring(1), "image: " + c.getImage());
    }
    dockerComposeConfig(compose);

    // the images of this build exist: 'build --images' builds none of them again
    CliResult images = timed("images", project.run("build", "--images", "--env", env));
    assertThat(images.code()).as(images.err()).isZero();
    assertThat(images.out()).contains("image alpha", "image beta", "image kafka", "image redis");
    assertThat(images.out()).contains("up to date").doesNotContain("built in");
    assertThat(images.err()).doesNotContain("building image");

    // the same artifacts again: nothing restarts
    String alphaId = containers.inspect("alpha").getId();
    CliResult same = timed("same", project.run("deploy", "--env", env));
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("nothing to do");

    // build B changes beta only: alpha's container keeps running, beta reports B
    String betaId = beta.getId();
    project.write(
        "services/beta/src/main/resources/behaviour.properties", "ready=true\nflavour=b\n");
    project.commit("beta B");
    CliResult b = timed("b", project.run("deploy", "--env", env, "--timeout", "120s"));
    assertThat(b.code()).as(b.err()).isZero();
    JsonNode sb = status();
    String versionB = sb.get("version").asText();
    assertThat(versionB).isNotEqualTo(versionA);
    assertThat(component(sb, "beta").get("version").asText()).isEqualTo(versionB);
    assertThat(containers.inspect("alpha").getId()).as("alpha not restarted").isEqualTo(alphaId);
    assertThat(containers.inspect("beta").getId()).as("beta replaced").isNotEqualTo(betaId);

    CliResult back = timed("back", project.run("rollback", "--env", env));
    assertThat(back.code()).as(back.err()).isZero();
    JsonNode sr = status();
    assertThat(sr.get("revision").asInt()).isEqualTo(3);
    assertThat(sr.get("state").asText()).isEqualTo("healthy");
    for (JsonNode c : sr.get("components")) {
      assertThat(c.get("version").asText()).as("GetInfo of %s", c.get("name")).isEqualTo(versionA);
    }
    assertThat(containers.inspect("alpha").getId()).isEqualTo(alphaId);

    CliResult logs = timed("logs", project.run("logs", "beta", "--env", env));
    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("beta listening");

    CliResult down = project.run("down", "--env", env);
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(containers.all()).as("no container left").isEmpty();
    assertThat(docker.listNetworksCmd().withNameFilter("oasis-" + env).exec()).isEmpty();
    JsonNode after = status();
    assertThat(after.get("state").asText()).isEqualTo("stopped");
  }

  private final long started = System.nanoTime();

  /** Step timings on stdout: the docker tests must stay bounded on 2 cores. */
  private CliResult timed(String step, CliResult r) {
    System.out.printf("%6.1f s  %s%n", (System.nanoTime() - started) / 1e9, step);
    return r;
  }

  private JsonNode status() throws Exception {
    CliResult r = project.run("--output", "json", "status", "--env", env);
    assertThat(r.code()).as(r.err()).isZero();
    return r.json();
  }

  /** Debian's docker-compose 1.29 validates the file (.ci/run installs it). */
  static void dockerComposeConfig(Path compose) throws Exception {
    Process p =
        new ProcessBuilder("docker-compose", "-f", compose.toString(), "config", "-q")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("docker-compose config -q: %s%n%s", out, Files.readString(compose))
        .isZero();
  }
}
