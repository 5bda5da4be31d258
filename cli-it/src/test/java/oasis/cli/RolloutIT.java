package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import oasis.testing.CliResult;
import oasis.testing.OasisCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance on the local target with real processes on the service kit: a healthy canary
 * walks 20 → 50 → 100 and becomes stable; a faulty or slow one is detected and rolled back by
 * itself by sequential tests; a canary without traffic is held by onInconclusive (pause where paper
 * money trades, abort after maxInconclusive where real money does); blue/green switches and
 * switches back.
 */
class RolloutIT {

  static final String ENVIRONMENTS =
      KitProject.CANARY_STAGING
          + """
        quiet:
          target: local
          rollout:
            canary:
              steps:
                - setWeight: 0
                - analysis: {interval: 1s, budget: 2s, maxInconclusive: 600s}
        quietreal:
          target: local
          rollout:
            canary:
              steps:
                - setWeight: 0
                - analysis: {interval: 1s, budget: 2s, maxInconclusive: 4s, traffic: {enabled: false}}
        bg:
          target: local
          rollout:
            strategy: blue-green
            blueGreen: {autoPromote: true, warmWindow: 60s, analysis: false}
      """;

  @TempDir Path tmp;
  KitProject kit;

  @BeforeEach
  void setUp() throws Exception {
    kit = new KitProject(tmp, ENVIRONMENTS);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (String env : new String[] {"staging", "quiet", "quietreal", "bg"}) {
      kit.run("down", "--env", env);
    }
    kit.project.processes().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void healthyCanaryBecomesStableWhileFaultyAndSlowOnesRollBackByThemselves() throws Exception {
    CliResult first = kit.run("deploy", "--env", "staging", "--timeout", "60s");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("deploying all-at-once");
    long stablePid =
        callee(kit.run("--output", "json", "status", "--env", "staging").json(), "callee")
            .get("pid")
            .asLong();

    // healthy: 20% -> 50% -> 100%, each analysis passing, then the new stable
    CliResult healthy =
        kit.run("deploy", "--env", "staging", "--set", "callee.FLAVOUR=b", "--timeout", "60s");
    assertThat(healthy.code()).as(healthy.err()).isZero();
    assertThat(healthy.err())
        .contains(
            "starting callee on the canary track",
            "weight of the canary track: 20%",
            "weight of the canary track: 50%",
            "weight of the canary track: 100%",
            "errorRate of callee: pass",
            "promoting");
    assertThat(healthy.out()).contains("is the new stable");
    JsonNode done = kit.rollout("staging");
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    assertThat(done.get("rollout").get("analyses")).hasSize(3);
    for (JsonNode a : done.get("rollout").get("analyses")) {
      assertThat(a.get("outcome").asText()).isEqualTo("pass");
    }
    long costMax = 0;
    for (JsonNode a : done.get("rollout").get("analyses")) {
      for (JsonNode m : a.get("measurements")) {
        costMax = Math.max(costMax, m.get("costMillis").asLong());
      }
      JsonNode evidence = a.get("evidence");
      assertThat(evidence.size()).as("two conditions judged at every check").isEven();
      JsonNode last = evidence.get(evidence.size() - 1);
      assertThat(last.get("decision").asText()).isEqualTo("pass");
      assertThat(last.get("upper").asDouble())
          .as("passed by crossing the pass boundary")
          .isLessThanOrEqualTo(last.get("passBoundary").asDouble());
      System.out.printf(
          "healthy canary: step passed after %d ms, %d canary calls%n",
          last.get("elapsedMillis").asLong(), last.get("canaryCalls").asLong());
    }
    System.out.printf(
        "analysis cost: at most %d ms per check (both tracks scraped, 2 conditions judged)%n",
        costMax);
    JsonNode s = kit.run("--output", "json", "status", "--env", "staging").json();
    assertThat(s.get("components"))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("callee", "caller");
    assertThat(callee(s, "callee").get("pid").asLong())
        .as("stable restarted on the new revision")
        .isNotEqualTo(stablePid);
    JsonNode history = kit.run("--output", "json", "history", "--env", "staging").json();
    assertThat(history.get(0).get("strategy").asText()).isEqualTo("canary");
    assertThat(history.get(0).get("state").asText()).isEqualTo("healthy");

    // faulty: 30% errors on the canary only, detected and rolled back by itself
    long before = callee(s, "callee").get("pid").asLong();
    Instant t0 = Instant.now();
    CliResult faulty =
        kit.run(
            "deploy",
            "--env",
            "staging",
            "--strategy",
            "canary",
            "--set",
            "callee.OASIS_FAULT_ERROR_RATE=0.3",
            "--timeout",
            "60s");
    Duration wall = Duration.between(t0, Instant.now());
    assertThat(faulty.code()).as(faulty.err()).isEqualTo(1);
    // Either boundary may be crossed first, by chance of which calls fail: worse than stable, or
    // the canary's own rate above max. Both are the judge failing the canary on its errors.
    assertThat(faulty.err()).contains("errorRate of callee: fail", "aborting");
    assertThat(faulty.err())
        .containsAnyOf("significantly worse than stable", "significantly above max");
    JsonNode aborted = kit.rollout("staging").get("rollout");
    assertThat(aborted.get("phase").asText()).isEqualTo("aborted");
    Duration detect = between(aborted, "newTrackReadyAt", "failedAt");
    Duration back = between(aborted, "newTrackReadyAt", "trafficBackAt");
    Duration fromStart = between(aborted, "startedAt", "trafficBackAt");
    System.out.printf(
        "faulty canary: detected %d ms after it was ready, traffic back on stable %d ms after it"
            + " was ready (%d ms after the deploy began; deploy command %d ms in all)%n",
        detect.toMillis(), back.toMillis(), fromStart.toMillis(), wall.toMillis());
    assertThat(fromStart)
        .as("canary start to all traffic on stable")
        .isLessThan(Duration.ofSeconds(30));
    assertThat(Files.readString(kit.dir.resolve(".oasis/envs/staging/routes")))
        .as("no route to the canary")
        .doesNotContain("canary");
    JsonNode after = kit.run("--output", "json", "status", "--env", "staging").json();
    assertThat(after.get("components")).hasSize(2);
    assertThat(callee(after, "callee").get("pid").asLong())
        .as("stable untouched")
        .isEqualTo(before);
    JsonNode h2 = kit.run("--output", "json", "history", "--env", "staging").json();
    assertThat(h2.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(h2.get(0).get("overrides").get("callee.OASIS_FAULT_ERROR_RATE").asText())
        .isEqualTo("0.3");

    // slow: 200 ms added latency fails the p95 condition
    CliResult slow =
        kit.run(
            "deploy",
            "--env",
            "staging",
            "--strategy",
            "canary",
            "--set",
            "callee.OASIS_FAULT_LATENCY_MS=200",
            "--timeout",
            "60s");
    assertThat(slow.code()).as(slow.err()).isEqualTo(1);
    assertThat(slow.err()).contains("latencyP95 of callee: fail", "slower than 0.1 s");
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusiveAndWaitsAndACrashedRolloutIsAbortedCleanly()
      throws Exception {
    assertThat(kit.run("deploy", "--env", "quiet", "--timeout", "60s").code()).isZero();
    Process deploy =
        kit.start("deploy", "--env", "quiet", "--strategy", "canary", "--set", "callee.FLAVOUR=q");
    OasisCli.drain(deploy.getErrorStream());
    OasisCli.drain(deploy.getInputStream());
    JsonNode paused = kit.awaitRollout("quiet", "paused", Duration.ofSeconds(60));
    JsonNode held = paused.get("rollout");
    assertThat(held.get("message").asText())
        .contains("inconclusive", "held by onInconclusive: pause", "rollout resume");
    assertThat(held.get("hold").get("rule").asText()).isEqualTo("onInconclusive: pause");
    assertThat(
            Duration.between(
                Instant.parse(held.get("hold").get("since").asText()),
                Instant.parse(held.get("hold").get("abortAt").asText())))
        .as("maxInconclusive")
        .isEqualTo(Duration.ofSeconds(600));
    JsonNode check = held.get("analyses").get(0).get("measurements").get(0);
    assertThat(check.get("verdicts").get(0).get("explanation").asText())
        .contains("no canary call yet");
    CliResult text = kit.run("rollout", "status", "--env", "quiet");
    System.out.println(text.out());
    assertThat(text.out())
        .contains(
            "rollout of",
            "paused",
            "weights: canary 0%, stable 100% (callee)",
            "held by onInconclusive: pause for",
            "done 1. setWeight 0",
            "now  2. analysis up to 2.0 s",
            "analysis of step 2",
            "errorRate of callee: undecided");
    JsonNode revision = kit.run("--output", "json", "history", "--env", "quiet").json().get(0);
    assertThat(revision.get("state").asText()).as("held, not promoted").isEqualTo("progressing");

    // the oasis process dies; the rollout is left as it was, and says so
    deploy.destroyForcibly();
    assertThat(deploy.waitFor(10, TimeUnit.SECONDS)).isTrue();
    JsonNode orphan = kit.rollout("quiet");
    assertThat(orphan.get("state").asText()).isEqualTo("interrupted");
    assertThat(orphan.get("note").asText()).contains("rollout resume", "rollout abort");
    assertThat(Files.readString(kit.dir.resolve(".oasis/envs/quiet/routes")))
        .doesNotContain("canary 1");

    CliResult abort = kit.run("rollout", "abort", "--env", "quiet");
    assertThat(abort.code()).as(abort.err()).isZero();
    assertThat(abort.out()).contains("aborted", "every call is on stable");
    assertThat(kit.rollout("quiet").get("state").asText()).isEqualTo("aborted");
    JsonNode s = kit.run("--output", "json", "status", "--env", "quiet").json();
    assertThat(s.get("components"))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("callee", "caller");
    // a readiness probe may miss once on a loaded machine: healthy again within a bound
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"healthy".equals(s.get("state").asText()) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      s = kit.run("--output", "json", "status", "--env", "quiet").json();
    }
    assertThat(s.get("state").asText()).as("%s", s).isEqualTo("healthy");
    JsonNode history = kit.run("--output", "json", "history", "--env", "quiet").json();
    assertThat(history.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(kit.run("rollout", "abort", "--env", "quiet").code())
        .as("nothing left to abort")
        .isEqualTo(3);
  }

  @Test
  void blueGreenSwitchesAndSwitchesBackInsideTheWarmWindowInUnderASecond() throws Exception {
    assertThat(kit.run("deploy", "--env", "bg", "--timeout", "60s").code()).isZero();
    Process deploy = kit.start("deploy", "--env", "bg", "--set", "callee.FLAVOUR=green");
    var err = OasisCli.drain(deploy.getErrorStream());
    OasisCli.drain(deploy.getInputStream());
    JsonNode warm = kit.awaitRollout("bg", "paused", Duration.ofSeconds(60));
    assertThat(warm.get("rollout").get("weight").asInt()).isEqualTo(100);
    assertThat(warm.get("rollout").get("track").asText()).isEqualTo("green");
    JsonNode s = kit.run("--output", "json", "status", "--env", "bg").json();
    String green = callee(s, "callee@green").get("endpoints").get("metrics").asText();
    String blue = callee(s, "callee").get("endpoints").get("metrics").asText();
    double g0 = KitProject.calls(green);
    double b0 = KitProject.calls(blue);
    KitProject.awaitCalls(green, g0 + 200, Duration.ofSeconds(20));
    assertThat(KitProject.calls(blue) - b0)
        .as("blue is idle but warm while green took 200 calls")
        .isLessThan(5);

    Instant asked = Instant.now();
    CliResult abort = kit.run("rollout", "abort", "--env", "bg");
    assertThat(abort.code()).as(abort.err()).isZero();
    JsonNode back = kit.rollout("bg").get("rollout");
    Duration switchBack = between(back, "failedAt", "trafficBackAt");
    System.out.printf(
        "blue/green rollback: routes back on blue %d ms after the abort was taken (abort command"
            + " %d ms in all, JVM start included)%n",
        switchBack.toMillis(), Duration.between(asked, Instant.now()).toMillis());
    assertThat(switchBack).isLessThan(Duration.ofSeconds(1));
    double b1 = KitProject.calls(blue);
    KitProject.awaitCalls(blue, b1 + 200, Duration.ofSeconds(20));
    assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(deploy.exitValue()).as(err.get(5, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void whereRealMoneyTradesACanaryWithoutTrafficIsAbortedAfterMaxInconclusive() throws Exception {
    assertThat(kit.run("deploy", "--env", "quietreal", "--timeout", "60s").code()).isZero();
    CliResult r =
        kit.run(
            "deploy",
            "--env",
            "quietreal",
            "--strategy",
            "canary",
            "--set",
            "callee.ORDER_MANAGER_MODE=real",
            "--timeout",
            "60s");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("held by onInconclusive: abort", "no canary call yet");
    JsonNode aborted = kit.rollout("quietreal").get("rollout");
    assertThat(aborted.get("phase").asText()).isEqualTo("aborted");
    assertThat(aborted.get("message").asText())
        .contains("maxInconclusive 4.0 s", "onInconclusive: abort");
    Duration held = between(aborted, "newTrackReadyAt", "trafficBackAt");
    System.out.printf(
        "real money, no traffic: aborted %d ms after the canary was ready (budget 2 s,"
            + " maxInconclusive 4 s)%n",
        held.toMillis());
    assertThat(held).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(30));
    assertThat(Files.readString(kit.dir.resolve(".oasis/envs/quietreal/routes")))
        .doesNotContain("canary");
  }

  private static Duration between(JsonNode rollout, String from, String to) {
    return Duration.between(
        Instant.parse(rollout.get(from).asText()), Instant.parse(rollout.get(to).asText()));
  }

  private static JsonNode callee(JsonNode status, String name) {
    for (JsonNode c : status.get("components")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no " + name + " in " + status);
  }
}
