package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.Mount;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oasis.testing.CliResult;
import oasis.testing.EnvironmentContainers;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Issue 9's acceptance on the real Docker engine: this repository's five services, Kafka and Redis
 * in containers, driven by the packaged CLI. {@code oasis build --images} (once for the class),
 * {@code deploy}, {@code status} (all ready, the version each reports), {@code smoke} green, a
 * redeploy that replaces the broker (its data kept on the environment's volume), {@code rollback},
 * and {@code down} leaving no container, network or volume of the environment. Secrets of the
 * {@code .env} reach the services as a file, never as container variables. Skips, saying why, only
 * where no Docker engine answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StagingPorts.class)
class DockerAcceptanceIT {

  static final String[] SERVICES = {
    "coinbase-connector", "data-normalizer", "strategy-framework", "risk-engine", "order-manager"
  };

  /**
   * A dummy value in the .env under a secret's name: the order manager ignores it in paper mode.
   */
  static final String SECRET = "it-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

  /** A secret's name, joined so that no committed line reads as a secret assignment. */
  static final String SECRET_VAR = "COINBASE_API_" + "PASSPHRASE";

  @TempDir static Path tmp;
  static AcceptanceProject project;
  static DockerClient docker;
  static String env;
  static EnvironmentContainers containers;
  static final long started = System.nanoTime();

  @BeforeAll
  static void buildImagesAndDeploy() throws Exception {
    docker = engine();
    env = "accept-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    containers = new EnvironmentContainers(docker, env);
    String envFile = "environments/" + env + ".env";
    project =
        new AcceptanceProject(
            tmp,
            envs ->
                envs.putObject(env)
                    .put("target", "docker")
                    .put("envFile", envFile)
                    .put("historyLimit", 50)
                    .putObject("docker")
                    .put("baseImage", "offline")
                    .put("restartPolicy", "unless-stopped"),
            Map.of(
                envFile,
                "ORDER_MANAGER_MODE=paper\nRISK_USE_REDIS=1\n" + SECRET_VAR + "=" + SECRET + "\n"));
    project.commandTimeoutSeconds = 300;

    CliResult images = timed("build --images", project.run("build", "--images", "--env", env));
    assertThat(images.code()).as(images.out() + images.err()).isZero();
    for (String c : SERVICES) {
      assertThat(images.out()).contains("image " + c);
    }
    assertThat(images.out()).contains("image kafka", "image redis");

    CliResult deploy = timed("deploy", project.run("deploy", "--env", env, "--timeout", "180s"));
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
    assertThat(deploy.out()).contains("revision 1", "healthy");
    assertThat(deploy.err())
        .as("images built once, by build --images")
        .doesNotContain("building image");
  }

  @AfterAll
  static void down() throws Exception {
    if (project == null) {
      return;
    }
    CliResult down = project.run("down", "--env", env);
    // whatever a failed run left of this environment: only what this test created
    containers.removeAll();
    docker
        .listVolumesCmd()
        .withFilter("label", List.of("oasis.env=" + env))
        .exec()
        .getVolumes()
        .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
    for (String tag : List.of("it-older", "it-newer")) {
      if (imageExists("oasis/risk-engine:" + tag + "-" + env)) {
        docker.removeImageCmd("oasis/risk-engine:" + tag + "-" + env).exec();
      }
    }
    System.out.printf("%6.1f s  total%n", (System.nanoTime() - started) / 1e9);
    assertThat(down.code()).as("down: %s", down.err()).isZero();
  }

  @Test
  @Order(1)
  void statusShowsAllFiveServicesKafkaAndRedisReadyWithTheirVersion() throws Exception {
    JsonNode s = status();
    assertThat(s.get("target").asText()).isEqualTo("docker");
    assertThat(s.get("state").asText()).isEqualTo("healthy");
    String version = s.get("version").asText();
    assertThat(s.get("components")).hasSize(SERVICES.length);
    for (JsonNode c : s.get("components")) {
      assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
      assertThat(c.get("version").asText()).as("GetInfo of %s", c.get("name")).isEqualTo(version);
    }
    List<String> infra = new ArrayList<>();
    for (JsonNode i : s.get("infrastructure")) {
      assertThat(i.get("ready").asBoolean()).as(i.toString()).isTrue();
      infra.add(i.get("name").asText());
    }
    assertThat(infra).containsExactlyInAnyOrder("kafka", "redis");
    for (String c : SERVICES) {
      assertThat(containers.inspect(c).getState().getRunning()).as(c).isTrue();
    }
  }

  @Test
  @Order(2)
  void secretsOfTheEnvFileReachTheServicesAsAFileNotAsContainerVariables() throws Exception {
    for (Container c : containers.all()) {
      InspectContainerResponse i = docker.inspectContainerCmd(c.getId()).exec();
      assertThat(String.join("\n", i.getConfig().getEnv()))
          .as("variables of %s", c.getNames()[0])
          .doesNotContain(SECRET)
          .doesNotContain(SECRET_VAR);
      assertThat(String.join(" ", i.getConfig().getLabels().values())).doesNotContain(SECRET);
    }
    InspectContainerResponse om = containers.inspect("order-manager");
    assertThat(List.of(om.getConfig().getEnv()))
        .as("non-secret wiring stays visible")
        .contains("ORDER_MANAGER_MODE=paper")
        .anyMatch(e -> e.startsWith("KAFKA_BROKERS=kafka:"));
    try (InputStream in =
            docker.copyArchiveFromContainerCmd(om.getId(), "/opt/oasis/app/.env").exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = tar.getNextEntry();
      assertThat(entry.getName()).isEqualTo(".env");
      assertThat(entry.getMode() & 0777).as("owner-only").isEqualTo(0400);
      assertThat(entry.getLongUserId()).as("the image's user").isEqualTo(65532);
      assertThat(new String(tar.readAllBytes(), StandardCharsets.UTF_8))
          .contains(SECRET_VAR + "=\"" + SECRET + "\"");
    }
  }

  /**
   * The same images, run by Testcontainers on a network of their own rather than by the docker
   * target: the images carry the runtime contract by themselves (services/README.md). The order
   * path's two services and the broker; the risk engine is ready only once it reaches the order
   * manager by its network alias.
   */
  @Test
  @Order(3)
  void theServiceImagesRunOnTheirOwnUnderTestcontainers() throws Exception {
    Map<String, String> images = new java.util.HashMap<>();
    for (Container c : containers.all()) {
      images.put(c.getLabels().get("oasis.component"), c.getImage());
    }
    try (Network network = Network.newNetwork();
        GenericContainer<?> kafka =
            new GenericContainer<>(DockerImageName.parse(images.get("kafka")))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withEnv("KAFKA_PORT", "9092")
                .withEnv("KAFKA_CONTROLLER_PORT", "9093")
                .withEnv("KAFKA_LISTEN_HOST", "0.0.0.0")
                .withEnv("KAFKA_ADVERTISED_HOST", "kafka")
                .withEnv("KAFKA_LOG_DIR", "/opt/oasis/data/kafka")
                .withEnv("KAFKA_TOPICS", "orders.execution-reports:1")
                .waitingFor(
                    Wait.forLogMessage(".*oasis-kafka ready.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(90)));
        GenericContainer<?> orderManager =
            service(images.get("order-manager"), network, "order-manager", "ORDER_MANAGER", 9094)
                .withEnv("ORDER_MANAGER_MODE", "paper");
        GenericContainer<?> risk =
            service(images.get("risk-engine"), network, "risk-engine", "RISK", 9093)
                .withEnv("ORDER_MANAGER_GRPC_ADDR", "order-manager:50052")) {
      long t0 = System.nanoTime();
      kafka.start();
      orderManager.start();
      risk.start();
      System.out.printf(
          "%6.1f s  Testcontainers: kafka, order-manager and risk-engine images ready%n",
          (System.nanoTime() - t0) / 1e9);

      assertThat(risk.getLogs()).doesNotContain("level=ERROR");
      String metrics =
          new String(
              java.net
                  .URI
                  .create("http://localhost:" + risk.getMappedPort(9093) + "/metrics")
                  .toURL()
                  .openStream()
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(metrics)
          .contains("oasis_service_ready{")
          .containsPattern("oasis_service_ready\\{[^}]*} 1(\\.0)?\\n");
    }
  }

  private static GenericContainer<?> service(
      String image, Network network, String component, String prefix, int metricsPort) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases(component)
        .withEnv("OASIS_COMPONENT", component)
        .withEnv("KAFKA_BROKERS", "kafka:9092")
        .withEnv("RISK_USE_REDIS", "0")
        .withEnv(prefix + "_METRICS_PORT", String.valueOf(metricsPort))
        .withEnv(prefix + "_GRPC_PORT", component.equals("risk-engine") ? "50051" : "50052")
        .withExposedPorts(metricsPort)
        .waitingFor(
            Wait.forHttp("/readyz")
                .forPort(metricsPort)
                .forStatusCode(200)
                .withStartupTimeout(Duration.ofSeconds(90)));
  }

  @Test
  @Order(3)
  void theComposeExportOfTheseContainersIsValidAndHoldsNoSecret() throws Exception {
    Path file = project.dir.resolve("target/compose.yml");
    CliResult export = project.run("export", "compose", "--env", env, "--file", file.toString());
    assertThat(export.code()).as(export.out() + export.err()).isZero();
    String yaml = Files.readString(file);
    assertThat(yaml).doesNotContain(SECRET).contains("oasis-" + env + "-kafka:/opt/oasis/data");
    for (Container c : containers.all()) {
      assertThat(yaml)
          .contains("container_name: " + c.getNames()[0].substring(1), "image: " + c.getImage());
    }
    Process p =
        new ProcessBuilder("docker-compose", "-f", file.toString(), "config", "-q")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("docker-compose config -q: %s%n%s", out, yaml).isZero();
  }

  @Test
  @Order(4)
  void smokePassesOnTheContainers() throws Exception {
    CliResult smoke = timed("smoke", project.run("smoke", "--env", env));
    System.out.println("smoke on docker:\n" + smoke.out());
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isZero();
    assertThat(smoke.out())
        .containsPattern("probe/market-data +data-normalizer +pass")
        .containsPattern("probe/order-path +order-manager +pass")
        .containsPattern("kafka-topics +kafka +pass")
        .contains(": passed");
    for (String c : SERVICES) {
      assertThat(smoke.out()).containsPattern("ready/" + c + " +" + c + " +pass");
    }
  }

  @Test
  @Order(5)
  void aReplacedBrokerKeepsItsDataOnTheEnvironmentsVolumeAndRollbackReturns() throws Exception {
    InspectContainerResponse kafka = containers.inspect("kafka");
    Mount data =
        kafka.getMounts().stream()
            .filter(m -> m.getName() != null && m.getName().equals("oasis-" + env + "-kafka"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no kafka volume in " + kafka.getMounts()));
    String orderManager = containers.inspect("order-manager").getId();

    CliResult redeploy =
        timed(
            "redeploy (broker replaced)",
            project.run(
                "deploy", "--env", env, "--timeout", "90s", "--set", "kafka.KAFKA_NOTE=redeploy"));
    assertThat(redeploy.code()).as(redeploy.out() + redeploy.err()).isZero();
    InspectContainerResponse replaced = containers.inspect("kafka");
    assertThat(replaced.getId()).as("broker replaced").isNotEqualTo(kafka.getId());
    assertThat(replaced.getMounts()).anyMatch(m -> data.getName().equals(m.getName()));
    assertThat(logs(replaced.getId()))
        .as("the new broker found the old one's data")
        .contains("reusing the broker data");
    assertThat(containers.inspect("order-manager").getId())
        .as("unchanged services keep running")
        .isEqualTo(orderManager);

    CliResult back = timed("rollback", project.run("rollback", "--env", env, "--timeout", "90s"));
    assertThat(back.code()).as(back.out() + back.err()).isZero();
    JsonNode s = status();
    assertThat(s.get("revision").asInt()).isEqualTo(3);
    assertThat(s.get("state").asText()).isEqualTo("healthy");
    for (JsonNode c : s.get("components")) {
      assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
    }
    CliResult smoke = timed("smoke after rollback", project.run("smoke", "--env", env));
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isZero();
  }

  @Test
  @Order(6)
  void buildImagesRemovesOnlyThisProjectsOldImagesAndNoneInUse() throws Exception {
    // two images of this project for the risk engine, newer than the one that runs
    String base = containers.inspect("kafka").getConfig().getImage();
    String older = fakeImage(base, "it-older");
    Thread.sleep(1100); // the engine dates images to the second
    String newer = fakeImage(base, "it-newer");
    List<String> running = containers.all().stream().map(Container::getImageId).toList();

    CliResult build =
        timed(
            "build --images --keep-images 1",
            project.run("build", "--images", "--env", env, "--keep-images", "1"));
    assertThat(build.code()).as(build.out() + build.err()).isZero();
    assertThat(build.out()).contains("removed 1 older image(s) of this project: " + older);
    assertThat(imageExists(older)).isFalse();
    assertThat(imageExists(newer)).as("the newest of its component").isTrue();
    for (String id : running) {
      assertThat(imageExists(id)).as("the image of a container").isTrue();
    }
    docker.removeImageCmd(newer).exec();
  }

  @Test
  @Order(7)
  void downLeavesNoContainerNetworkOrVolumeOfTheEnvironment() throws Exception {
    CliResult down = timed("down", project.run("down", "--env", env));
    assertThat(down.code()).as(down.out() + down.err()).isZero();
    assertThat(containers.all()).as("containers labelled oasis.env=%s", env).isEmpty();
    assertThat(docker.listNetworksCmd().withNameFilter("oasis-" + env).exec()).isEmpty();
    assertThat(
            docker
                .listVolumesCmd()
                .withFilter("label", List.of("oasis.env=" + env))
                .exec()
                .getVolumes())
        .as("volumes of %s", env)
        .isNullOrEmpty();
    assertThat(status().get("state").asText()).isEqualTo("stopped");
  }

  /** An image labelled as this project's risk-engine image, built on {@code base}. */
  private static String fakeImage(String base, String tag) throws Exception {
    String ref = "oasis/risk-engine:" + tag + "-" + env;
    byte[] dockerfile = ("FROM " + base + "\n").getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
    try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(tar)) {
      TarArchiveEntry e = new TarArchiveEntry("Dockerfile");
      e.setSize(dockerfile.length);
      out.putArchiveEntry(e);
      out.write(dockerfile);
      out.closeArchiveEntry();
    }
    docker
        .buildImageCmd(new java.io.ByteArrayInputStream(tar.toByteArray()))
        .withTags(java.util.Set.of(ref))
        .withLabels(
            Map.of(
                "oasis.project",
                projectId(),
                "oasis.component",
                "risk-engine",
                "oasis.artifact",
                "sha256:" + tag))
        .withPull(false)
        .exec(new com.github.dockerjava.api.command.BuildImageResultCallback())
        .awaitImageId(60, TimeUnit.SECONDS);
    return ref;
  }

  /** How the CLI names this project on its images: a digest of its real path. */
  private static String projectId() throws Exception {
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(project.dir.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
  }

  private static boolean imageExists(String ref) {
    try {
      docker.inspectImageCmd(ref).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }

  private static CliResult timed(String step, CliResult r) {
    System.out.printf(
        "%6.1f s  %s (%d ms)%n", (System.nanoTime() - started) / 1e9, step, r.millis());
    return r;
  }

  private static JsonNode status() throws Exception {
    CliResult r = project.run("--output", "json", "status", "--env", env);
    assertThat(r.code()).as(r.err()).isZero();
    return r.json();
  }

  private static String logs(String id) throws Exception {
    StringBuilder out = new StringBuilder();
    docker
        .logContainerCmd(id)
        .withStdOut(true)
        .withStdErr(true)
        .exec(
            new com.github.dockerjava.api.async.ResultCallback.Adapter<
                com.github.dockerjava.api.model.Frame>() {
              @Override
              public void onNext(com.github.dockerjava.api.model.Frame f) {
                out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
              }
            })
        .awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
    return out.toString();
  }

  /** The engine the CLI uses (DOCKER_HOST, else the local socket), or a skip that says why. */
  private static DockerClient engine() {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    DockerClient client =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
    try {
      client.pingCmd().exec();
      return client;
    } catch (RuntimeException e) {
      String reason =
          "no Docker engine reachable at "
              + config.getDockerHost()
              + " ("
              + e.getMessage()
              + "): skipping the docker acceptance test";
      if (System.getenv("CI") != null) {
        // .ci/run starts dockerd: in CI a missing engine is a failure, never a silent skip
        throw new AssertionError(reason + "; CI must run it (see .ci/run)", e);
      }
      System.out.println("SKIPPED: " + reason);
      return Assumptions.abort(reason);
    }
  }
}
