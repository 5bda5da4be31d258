package oasis.cli;

import static oasis.testing.CliResult.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, concurrent commands and dying services: the ledger, lock and supervisor hold up. */
class DeployResilienceIT {

  @TempDir Path tmp;
  TestProject project;

  @BeforeEach
  void setUp() throws Exception {
    project = new TestProject(tmp);
    CliResult first = project.run("deploy", "--timeout", "60s");
    assertThat(first.code()).as(first.err()).isZero();
  }

  @AfterEach
  void tearDown() throws Exception {
    project.cleanUp();
  }

  @Test
  void aSecondDeployWhileOneRunsExitsThreeNamingTheFirst() throws Exception {
    Process slow = project.start("deploy", "--set", "beta.TEST_START_DELAY_MS=4000");
    Path lock = project.dir.resolve(".oasis/envs/staging/lock");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(lock) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(lock).as("the first deploy took the lock").exists();
    CliResult second = project.run("deploy", "--set", "beta.OTHER=1");
    assertThat(second.code()).as(second.err()).isEqualTo(3);
    assertThat(second.err())
        .contains("busy", "pid " + slow.pid(), "deploy --set beta.TEST_START_DELAY_MS=4000");
    assertThat(slow.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(slow.exitValue()).isZero();
    assertThat(Files.exists(lock)).as("released").isFalse();
  }

  @Test
  void theSupervisorRestartsAKilledServiceAndCountsIt() throws Exception {
    JsonNode before = component(status(), "alpha");
    ProcessHandle.of(before.get("pid").asLong()).orElseThrow().destroyForcibly();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode after = null;
    while (System.nanoTime() < deadline) {
      after = component(status(), "alpha");
      if (after.get("ready").asBoolean() && after.get("restarts").asInt() >= 1) {
        break;
      }
      Thread.sleep(300);
    }
    assertThat(after.get("restarts").asInt()).as(after.toString()).isEqualTo(1);
    assertThat(after.get("ready").asBoolean()).isTrue();
    assertThat(after.get("pid").asLong()).isNotEqualTo(before.get("pid").asLong());
  }

  @Test
  void sigkilledDeploysAtRandomMomentsLeaveAConsistentStateThatTheNextCommandResolves()
      throws Exception {
    long seed = Long.getLong("oasis.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    int trials = Integer.getInteger("oasis.crash.trials", 20);
    int rollbacks = 0;
    for (int trial = 0; trial < trials; trial++) {
      String what = "trial " + trial + " (seed " + seed + ")";
      if (trial == 0) {
        project.write(
            "services/beta/src/main/resources/behaviour.properties", "ready=true\nbuild=2\n");
      }
      Process victim = project.start("deploy", "--set", "beta.TRIAL=" + trial);
      long delay = random.nextInt(2500);
      if (victim.waitFor(delay, TimeUnit.MILLISECONDS)) {
        assertThat(victim.exitValue()).as(what + " finished before the kill").isZero();
      } else {
        victim.destroyForcibly(); // SIGKILL
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }

      JsonNode s = status();
      String state = s.get("state").asText();
      assertThat(state).as(what + ": " + s).isIn("healthy", "degraded", "interrupted");
      for (JsonNode c : s.get("components")) {
        if (c.get("ready").asBoolean()) {
          assertThat(ProcessHandle.of(c.get("pid").asLong()).filter(ProcessHandle::isAlive))
              .as(what + ": a ready component has a live process: " + c)
              .isPresent();
        }
      }
      if ("healthy".equals(state)) {
        assertThat(s.get("components")).allMatch(c -> c.get("ready").asBoolean());
      }

      boolean rollback = trial % 5 == 4;
      CliResult next =
          rollback
              ? project.run("rollback")
              : project.run("deploy", "--set", "beta.TRIAL=next" + trial);
      assertThat(next.code())
          .as(what + (rollback ? " rollback: " : " next deploy: ") + next.err())
          .isZero();
      rollbacks += rollback ? 1 : 0;
      if (rollback) { // exit 0 already means all ready; look again now and then
        JsonNode healthy = status();
        assertThat(healthy.get("state").asText()).as(what + ": " + healthy).isEqualTo("healthy");
        assertThat(healthy.get("components")).allMatch(c -> c.get("ready").asBoolean());
      }
    }
    assertThat(rollbacks).isPositive();
    JsonNode history = project.run("--output", "json", "history").json();
    assertThat(history.findValuesAsText("state")).doesNotContain("progressing", "pending");
    CliResult down = project.run("down");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(project.processes()).isEmpty();
  }

  private JsonNode status() throws Exception {
    CliResult r = project.run("--output", "json", "status");
    assertThat(r.code()).as(r.err()).isZero();
    return r.json();
  }
}
