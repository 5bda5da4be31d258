package oasis.cli;

import static oasis.testing.CliResult.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build, deploy, status, redeploy, rollback, logs, down: the packaged CLI against real processes.
 */
class DeployLifecycleIT {

  @TempDir Path tmp;
  TestProject project;

  @BeforeEach
  void setUp() throws Exception {
    project = new TestProject(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    project.cleanUp();
  }

  @Test
  void deployBuildARedeployBuildBRollbackReportsAAndDownLeavesNoProcess() throws Exception {
    // a port of alpha is held by another program: the deploy must pick another one
    int alphaMetrics =
        project.dir.resolve("oasis.yaml").toFile().exists() ? declaredPort("metrics", 0) : 0;
    try (ServerSocket squatter = new ServerSocket(alphaMetrics)) {
      CliResult a = project.run("deploy", "--env", "staging", "--timeout", "60s");
      assertThat(a.code()).as(a.err()).isZero();
      assertThat(a.err()).contains("is in use by another program", "alpha ready", "beta ready");
      assertThat(a.out()).contains("revision 1", "healthy");

      JsonNode s = project.run("--output", "json", "status", "--env", "staging").json();
      String versionA = s.get("version").asText();
      assertThat(versionA).startsWith("1.4.0-dev+");
      assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("healthy");
      assertThat(s.get("target").asText()).isEqualTo("local");
      assertThat(s.get("components")).hasSize(2);
      for (JsonNode c : s.get("components")) {
        assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
        assertThat(c.get("version").asText()).isEqualTo(versionA);
        assertThat(c.get("track").asText()).isEqualTo("stable");
        assertThat(c.get("endpoints").get("grpc").asText()).startsWith("127.0.0.1:");
        assertThat(c.get("endpoints").get("metrics").asText()).startsWith("http://127.0.0.1:");
      }
      String alphaMetricsUrl = s.get("components").get(0).get("endpoints").get("metrics").asText();
      assertThat(alphaMetricsUrl).doesNotContain(":" + alphaMetrics + "/");
      if (onPath("redis-server")) {
        assertThat(s.get("infrastructure").get(0).get("name").asText()).isEqualTo("redis");
        assertThat(s.get("redis").asText()).isEqualTo("redis-server");
      } else {
        assertThat(s.get("redis").asText()).isEqualTo("in-memory");
        assertThat(s.get("notes").toString()).contains("in-memory mode");
      }

      assertThat(Files.readString(project.dir.resolve(".oasis/builds/digests.yaml")))
          .as("oasis release pins the digests deploy installs")
          .contains(component(s, "alpha").get("artifact").asText());

      // the same artifacts again: a no-op that says so
      CliResult same = project.run("deploy", "--env", "staging");
      assertThat(same.code()).as(same.err()).isZero();
      assertThat(same.out()).contains("already runs", "nothing to do");
      assertThat(same.err()).doesNotContain("Maven").contains("up to date");

      // build B changes beta only: alpha keeps running, beta reports B
      long alphaPid = s.get("components").get(0).get("pid").asLong();
      project.write(
          "services/beta/src/main/resources/behaviour.properties", "ready=true\nflavour=b\n");
      project.commit("beta B");
      CliResult b = project.run("deploy", "--env", "staging");
      assertThat(b.code()).as(b.err()).isZero();
      JsonNode sb = project.run("--output", "json", "status").json();
      String versionB = sb.get("version").asText();
      assertThat(versionB).isNotEqualTo(versionA);
      assertThat(component(sb, "beta").get("version").asText()).isEqualTo(versionB);
      assertThat(component(sb, "alpha").get("pid").asLong())
          .as("alpha not restarted")
          .isEqualTo(alphaPid);

      long betaB = component(sb, "beta").get("pid").asLong();
      String betaGrpcB = component(sb, "beta").get("endpoints").get("grpc").asText();
      CliResult back = project.run("rollback", "--env", "staging");
      assertThat(back.code()).as(back.err()).isZero();
      JsonNode sr = project.run("--output", "json", "status").json();
      // make-before-break: A's beta started beside B's, callers routed to it, B stopped after
      String betaGrpcA = component(sr, "beta").get("endpoints").get("grpc").asText();
      assertThat(betaGrpcA).as("A's beta started beside B's").isNotEqualTo(betaGrpcB);
      assertThat(Files.readString(project.dir.resolve(".oasis/envs/staging/routes")))
          .as("beta's callers were started with B's address: a route moves them to A")
          .contains("beta stable " + betaGrpcA + " 100");
      ProcessHandle.of(betaB) // bounded wait for the background stop
          .ifPresent(h -> h.onExit().completeOnTimeout(h, 60, TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(betaB).filter(ProcessHandle::isAlive))
          .as("B's beta stops behind the rollback")
          .isEmpty();
      assertThat(sr.get("revision").asInt()).isEqualTo(3);
      for (JsonNode c : sr.get("components")) {
        assertThat(c.get("version").asText())
            .as("GetInfo of %s", c.get("name"))
            .isEqualTo(versionA);
        assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
      }
      assertThat(component(sr, "alpha").get("pid").asLong()).isEqualTo(alphaPid);

      JsonNode history = project.run("--output", "json", "history").json();
      assertThat(history).hasSize(3);
      assertThat(history.get(0).get("strategy").asText()).isEqualTo("rollback");
      assertThat(history.get(0).get("state").asText()).isEqualTo("healthy");
      assertThat(history.get(1).get("state").asText()).isEqualTo("rolled-back");
      assertThat(history.get(2).get("state").asText()).isEqualTo("superseded");
      for (JsonNode r : history) {
        assertThat(r.has("commit") && r.has("startedAt") && r.has("finishedAt")).isTrue();
      }

      CliResult logs = project.run("logs", "beta");
      assertThat(logs.code()).as(logs.err()).isZero();
      assertThat(logs.out()).contains("beta listening");

      List<Long> pids = new ArrayList<>();
      for (JsonNode c : sr.get("components")) {
        pids.add(c.get("pid").asLong());
      }
      for (JsonNode i : sr.get("infrastructure")) {
        pids.add(i.get("pid").asLong());
      }
      CliResult down = project.run("down");
      assertThat(down.code()).as(down.err()).isZero();
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
            .as("pid %d", pid)
            .isEmpty();
      }
      assertThat(project.processes()).as("no process of the project left").isEmpty();
      JsonNode after = project.run("--output", "json", "status").json();
      assertThat(after.get("state").asText()).isEqualTo("stopped");
    }
  }

  @Test
  void failingReadinessReturnsToThePreviousRevisionAndExitsOne() throws Exception {
    assertThat(project.run("deploy", "--timeout", "60s").code()).isZero();
    CliResult dry = project.run("deploy", "--dry-run", "--set", "alpha.TEST_FAIL_READY=1");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).containsPattern("alpha +restart").containsPattern("beta +unchanged");
    assertThat(dry.out()).contains("dry run: nothing changed");
    assertThat(project.run("--output", "json", "history").json()).hasSize(1);
    CliResult bad =
        project.run(
            "deploy",
            "--timeout",
            "6s",
            "--set",
            "alpha.TEST_FAIL_READY=1",
            "--set",
            "alpha.API_SECRET=hunter2");
    assertThat(bad.code()).as(bad.out() + bad.err()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "alpha did not become ready", "told to fail readiness", "last lines of alpha's log")
        .contains("back on revision 1")
        .doesNotContain("hunter2");
    JsonNode s = project.run("--output", "json", "status").json();
    assertThat(s.get("revision").asInt()).isEqualTo(1);
    assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("healthy");
    for (JsonNode c : s.get("components")) {
      assertThat(c.get("ready").asBoolean()).as(c.toString()).isTrue();
    }
    JsonNode history = project.run("--output", "json", "history").json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(history.get(0).get("overrides").get("alpha.API_SECRET").asText()).isEqualTo("***");
    assertThat(Files.readString(project.dir.resolve(".oasis/envs/staging/ledger.json")))
        .doesNotContain("hunter2");
  }

  @Test
  void aDependentStartsWithItsDependencyAndTheFailureNamesTheOneNotReady() throws Exception {
    // beta depends on alpha; alpha never becomes ready
    CliResult bad = project.run("deploy", "--timeout", "6s", "--set", "alpha.TEST_FAIL_READY=1");

    assertThat(bad.code()).as(bad.out() + bad.err()).isEqualTo(1);
    assertThat(bad.err()).contains("alpha did not become ready").doesNotContain("beta did not");
    CliResult betaLog = project.run("logs", "beta");
    // Its own first line proves the process ran: "listening" may not come within the 6 s the
    // deploy waited for alpha on a loaded machine, and is not what this test is about.
    assertThat(betaLog.out())
        .as("beta was started while alpha was not ready")
        .contains("beta starting, version");
  }

  @Test
  void aModuleThatDoesNotExistIsBadInput() throws Exception {
    project.write(
        "oasis.yaml",
        Files.readString(project.dir.resolve("oasis.yaml"))
            .replace("services/beta", "services/gamma"));
    CliResult r = project.run("build");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("beta (services/gamma)", "no such Maven module");
  }

  private int declaredPort(String name, int index) throws Exception {
    String yaml = Files.readString(project.dir.resolve("oasis.yaml"));
    var m = java.util.regex.Pattern.compile(name + ": (\\d+)").matcher(yaml);
    for (int i = 0; i <= index; i++) {
      m.find();
    }
    return Integer.parseInt(m.group(1));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
