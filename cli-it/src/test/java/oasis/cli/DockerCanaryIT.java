package oasis.cli;

import static oasis.testing.CliResult.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import oasis.runtime.docker.DockerAvailable;
import oasis.testing.CliResult;
import oasis.testing.EnvironmentContainers;
import oasis.testing.OasisCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Canary on an environment with {@code target: docker}, against the real engine: the caller's
 * WeightedChannel follows the routes file through the read-only bind mount of its directory, the
 * analysis scrapes each track's published metrics port, a faulty canary is rolled back by itself
 * and a healthy one is promoted with {@code oasis rollout promote}; blue/green switches to green
 * and back. One environment and one stable deploy for all three (images built once).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCanaryIT {

  static final String ENVIRONMENT =
      """
        staging:
          target: local
        %s:
          target: docker
          docker: {baseImage: offline, restartPolicy: unless-stopped}
          rollout:
            strategy: canary
            canary:
              steps:
                - setWeight: 30
                - analysis: {}
                - pause: untilPromoted
            blueGreen: {autoPromote: true, warmWindow: 60s, analysis: false}
            analysis:
              interval: 1s
              budget: 40s
              conditions:
                - {metric: errorRate, max: 0.05}
      """;

  @TempDir static Path tmp;
  static KitProject kit;
  static String env;
  static EnvironmentContainers containers;
  static DockerClient docker;
  static final long STARTED = System.nanoTime();

  @BeforeAll
  static void deployStable() throws Exception {
    DockerAvailable.assume();
    docker = DockerClientFactory.instance().client();
    env = "canary-docker-it-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    containers = new EnvironmentContainers(docker, env);
    kit = new KitProject(tmp, ENVIRONMENT.formatted(env));
    TestProject.copyTree(
        TestProject.REPO.resolve("templates/docker"), kit.dir.resolve("templates/docker"));
    kit.project.commit("docker templates");
    CliResult first = kit.run("deploy", "--env", env, "--timeout", "150s");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("deploying all-at-once", "callee ready", "caller ready");
    timed("stable deployed (images built)");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (kit == null) {
      return;
    }
    Set<String> images = new HashSet<>();
    for (Container c : containers.all()) {
      images.add(c.getImageId());
    }
    CliResult down = kit.run("down", "--env", env);
    containers.removeAll();
    // this run's callee and caller images (their digests change with every run): not left behind
    for (String image : images) {
      try {
        docker.removeImageCmd(image).exec();
      } catch (ConflictException inUse) {
        System.out.println("image " + image + " still in use, kept: " + inUse.getMessage());
      }
    }
    assertThat(down.code()).as("down: %s", down.err()).isZero();
  }

  @Test
  @Order(1)
  void faultyCanaryFailsItsAnalysisAndEveryCallGoesBackToStable() throws Exception {
    String stableId = containers.inspect("callee").getId();
    CliResult faulty =
        kit.run(
            "deploy",
            "--env",
            env,
            "--set",
            "callee.OASIS_FAULT_ERROR_RATE=0.5",
            "--timeout",
            "90s");
    timed("faulty canary rolled back");
    assertThat(faulty.code()).as(faulty.err()).isEqualTo(1);
    assertThat(faulty.err())
        .contains(
            "starting callee on the canary track",
            "weight of the canary track: 30%",
            "errorRate of callee: fail",
            "aborting");
    JsonNode aborted = kit.rollout(env).get("rollout");
    assertThat(aborted.get("phase").asText()).isEqualTo("aborted");
    JsonNode evidence = aborted.get("analyses").get(0).get("evidence");
    JsonNode last = evidence.get(evidence.size() - 1);
    assertThat(last.get("decision").asText()).isEqualTo("fail");
    // Either boundary may fail it first, by chance of which calls fail: the difference from
    // stable above its bound, or the canary's own rate above max (0.05 above).
    assertThat(
            last.get("lower").asDouble() > last.get("failBoundary").asDouble()
                || last.get("canaryLower").asDouble() > 0.05)
        .as("significantly worse than stable, or significantly above max: %s", last)
        .isTrue();
    assertThat(last.get("canaryBad").asLong())
        .as("failed calls the canary container answered through the routes file")
        .isGreaterThanOrEqualTo(3);
    System.out.printf(
        "docker faulty canary: failed after %d ms, %d canary calls%n",
        last.get("elapsedMillis").asLong(), last.get("canaryCalls").asLong());
    assertThat(routes()).doesNotContain("canary");
    assertThat(containers.all())
        .extracting(c -> c.getLabels().get("oasis.track"))
        .as("the canary container is gone")
        .containsOnly("stable");
    assertThat(containers.inspect("callee").getId()).as("stable untouched").isEqualTo(stableId);
    JsonNode s = status();
    assertThat(s.get("state").asText()).isEqualTo("healthy");
    assertThat(s.get("components"))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("callee", "caller");
    JsonNode history = kit.run("--output", "json", "history", "--env", env).json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(history.get(0).get("strategy").asText()).isEqualTo("canary");
  }

  @Test
  @Order(2)
  void healthyCanaryTakesItsShareLiveAndIsPromotedToStable() throws Exception {
    Process deploy = kit.start("deploy", "--env", env, "--set", "callee.FLAVOUR=b");
    CompletableFuture<String> err = OasisCli.drain(deploy.getErrorStream());
    OasisCli.drain(deploy.getInputStream());
    JsonNode paused = kit.awaitRollout(env, "paused", Duration.ofSeconds(90));
    timed("healthy canary analysed, waiting for promote");
    assertThat(paused.get("rollout").get("weight").asInt()).isEqualTo(30);
    assertThat(paused.get("rollout").get("analyses").get(0).get("outcome").asText())
        .isEqualTo("pass");

    // status shows both tracks; the routes name the canary container on the env's network
    JsonNode s = status();
    JsonNode canary = component(s, "callee@canary");
    assertThat(canary.get("track").asText()).isEqualTo("canary");
    assertThat(canary.get("ready").asBoolean()).isTrue();
    assertThat(component(s, "callee").get("track").asText()).isEqualTo("stable");
    assertThat(routes()).contains("callee stable callee:", " 70\n", "callee canary callee-canary:");
    InspectContainerResponse c = containers.inspect("callee-canary");
    assertThat(c.getConfig().getLabels())
        .containsEntry("oasis.track", "canary")
        .containsEntry("oasis.component", "callee");
    assertThat(c.getMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getDestination().getPath()).isEqualTo("/etc/oasis/traffic");
              assertThat(m.getRW()).as("read-only").isFalse();
            });
    assertThat(List.of(c.getConfig().getEnv())).contains("FLAVOUR=b");
    assertThat(List.of(containers.inspect("callee").getConfig().getEnv()))
        .as("--set reaches the canary only")
        .doesNotContain("FLAVOUR=b");

    // the split is live: both tracks answer, about 30/70
    String canaryMetrics = canary.get("endpoints").get("metrics").asText();
    String stableMetrics = component(s, "callee").get("endpoints").get("metrics").asText();
    double c0 = KitProject.calls(canaryMetrics);
    double s0 = KitProject.calls(stableMetrics);
    double toCanary = 0;
    double toStable = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (toCanary + toStable < 1000 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      toCanary = KitProject.calls(canaryMetrics) - c0;
      toStable = KitProject.calls(stableMetrics) - s0;
    }
    System.out.printf("docker canary split: canary %.0f, stable %.0f calls%n", toCanary, toStable);
    assertThat(toCanary + toStable).as("1000 calls within 60 s").isGreaterThanOrEqualTo(1000);
    // 30% of 1000: 0.2 and 0.4 are 7 standard deviations away, never reached by chance
    assertThat(toCanary / (toCanary + toStable)).isBetween(0.2, 0.4);

    CliResult promote = kit.run("rollout", "promote", "--env", env);
    assertThat(promote.code()).as(promote.err()).isZero();
    assertThat(deploy.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = err.get(10, TimeUnit.SECONDS);
    timed("promoted");
    assertThat(deploy.exitValue()).as(log).isZero();
    assertThat(log).contains("promoting");
    assertThat(kit.rollout(env).get("state").asText()).isEqualTo("succeeded");

    JsonNode after = status();
    assertThat(after.get("state").asText()).isEqualTo("healthy");
    assertThat(after.get("components"))
        .extracting(x -> x.get("name").asText())
        .containsExactlyInAnyOrder("callee", "caller");
    assertThat(List.of(containers.inspect("callee").getConfig().getEnv()))
        .as("stable now runs what the canary ran")
        .contains("FLAVOUR=b");
    assertThat(containers.all())
        .extracting(x -> x.getLabels().get("oasis.track"))
        .containsOnly("stable");
    assertThat(routes()).doesNotContain("canary");
    JsonNode history = kit.run("--output", "json", "history", "--env", env).json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("healthy");
  }

  @Test
  @Order(3)
  void blueGreenSwitchesEveryCallToGreenAndBackToBlueOnAbort() throws Exception {
    Process deploy =
        kit.start("deploy", "--env", env, "--strategy", "blue-green", "--set", "callee.FLAVOUR=g");
    CompletableFuture<String> err = OasisCli.drain(deploy.getErrorStream());
    OasisCli.drain(deploy.getInputStream());
    JsonNode warm = kit.awaitRollout(env, "paused", Duration.ofSeconds(90));
    timed("green takes every call, blue warm");
    assertThat(warm.get("rollout").get("track").asText()).isEqualTo("green");
    assertThat(warm.get("rollout").get("weight").asInt()).isEqualTo(100);
    JsonNode s = status();
    String green = component(s, "callee@green").get("endpoints").get("metrics").asText();
    String blue = component(s, "callee").get("endpoints").get("metrics").asText();
    double g0 = KitProject.calls(green);
    double b0 = KitProject.calls(blue);
    KitProject.awaitCalls(green, g0 + 200, Duration.ofSeconds(30));
    assertThat(KitProject.calls(blue) - b0)
        .as("blue is idle but warm while green took 200 calls")
        .isLessThan(5);

    CliResult abort = kit.run("rollout", "abort", "--env", env);
    assertThat(abort.code()).as(abort.err()).isZero();
    JsonNode back = kit.rollout(env).get("rollout");
    Duration switchBack =
        Duration.between(
            Instant.parse(back.get("failedAt").asText()),
            Instant.parse(back.get("trafficBackAt").asText()));
    System.out.printf(
        "docker blue/green: routes back on blue %d ms after the abort was taken%n",
        switchBack.toMillis());
    assertThat(switchBack).isLessThan(Duration.ofSeconds(1));
    double b1 = KitProject.calls(blue);
    KitProject.awaitCalls(blue, b1 + 200, Duration.ofSeconds(30));
    assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(deploy.exitValue()).as(err.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    timed("switched back to blue");
    assertThat(containers.all())
        .extracting(x -> x.getLabels().get("oasis.track"))
        .containsOnly("stable");
  }

  private static void timed(String step) {
    System.out.printf("%6.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, step);
  }

  private static String routes() throws Exception {
    return Files.readString(kit.dir.resolve(".oasis/envs/" + env + "/traffic/routes"));
  }

  private static JsonNode status() throws Exception {
    CliResult r = kit.run("--output", "json", "status", "--env", env);
    assertThat(r.code()).as(r.err()).isZero();
    return r.json();
  }
}
