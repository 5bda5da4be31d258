package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's acceptance on an environment secured like {@code staging-secure} (Kafka SASL_SSL with
 * SCRAM users, gRPC mutual TLS, Redis TLS with ACL users, certificates oasis makes), on free ports,
 * with this repository's services run by the packaged CLI: deploy, smoke, a canary of the order
 * manager promoted after an analysis whose traffic reaches the canary over mutual TLS, a rollback;
 * then a value planted in every kind of secret reference, and the passwords oasis made, are
 * searched for in every file under {@code .oasis/} and every output. One bring-up for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStagingAcceptanceIT {

  static final String ENV = "secure";

  @TempDir static Path tmp;
  @TempDir static Path outside;
  static AcceptanceProject project;
  static PlantedSecrets planted;

  /** Every command's output (stdout and stderr), by the command that printed it. */
  static final Map<String, String> outputs = new LinkedHashMap<>();

  @BeforeAll
  static void deploySecured() throws Exception {
    planted = new PlantedSecrets(outside);
    project =
        new AcceptanceProject(
            tmp,
            SecureStagingAcceptanceIT::secured,
            Map.of("environments/" + ENV + ".env", PlantedSecrets.envFile()));
    planted.install(project, outside);
    // a loaded 2-core machine (load 20+) took the broker up to 170 s to become ready
    project.commandTimeoutSeconds = 420;
    CliResult deploy;
    try (CrossJvmLock turn =
        CrossJvmLock.hold(CrossJvmLock.QUIET_MACHINE)) { // not while staging's smoke is timed
      deploy = run("deploy", "--env", ENV, "--timeout", "300s");
    }
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
    assertThat(deploy.out()).contains("revision 1", "healthy");
  }

  /** staging-secure's settings on the project's free ports, with a quick canary. */
  private static void secured(ObjectNode environments) {
    ObjectNode env = environments.putObject(ENV);
    env.put("target", "local").put("envFile", "environments/" + ENV + ".env");
    env.put("historyLimit", 50);
    env.putObject("kafka")
        .put("replicas", 1)
        .put("securityProtocol", "SASL_SSL")
        .put("saslMechanism", "SCRAM-SHA-512");
    env.putObject("tls").put("certificates", "generated").put("validityDays", 90);
    ObjectNode rollout = env.putObject("rollout");
    ArrayNode steps = rollout.putObject("canary").putArray("steps");
    steps.addObject().put("setWeight", 50);
    steps.addObject().putObject("analysis");
    ObjectNode analysis = rollout.putObject("analysis");
    analysis.put("interval", "1s").put("budget", "60s").put("onInconclusive", "abort");
    analysis.put("maxInconclusive", "1s");
    analysis.putArray("conditions").addObject().put("metric", "errorRate").put("max", 0.05);
    analysis.putObject("traffic").put("enabled", true).put("rate", 10);
  }

  @AfterAll
  static void down() throws Exception {
    try {
      if (project != null) {
        CliResult r = project.run("down", "--env", ENV);
        project.cleanUp();
        assertThat(r.code()).as("down: %s", r.err()).isZero();
        assertThat(project.processes()).as("no process of the project left").isEmpty();
      }
    } finally {
      if (planted != null) {
        planted.close();
      }
    }
  }

  static CliResult run(String... args) throws Exception {
    CliResult r = project.run(args);
    outputs.put(String.join(" ", args) + " #" + outputs.size(), r.out() + "\n" + r.err());
    return r;
  }

  @Test
  @Order(1)
  void smokePassesOnTheSecuredEnvironment() throws Exception {
    CliResult smoke = run("smoke", "--env", ENV);
    System.out.println("smoke of the secured environment:\n" + smoke.out());
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isZero();
    assertThat(smoke.out())
        .containsPattern("probe/market-data +data-normalizer +pass")
        .containsPattern("probe/order-path +order-manager +pass")
        .contains(": passed");
  }

  @Test
  @Order(2)
  void aCanaryOfTheOrderManagerIsPromotedAfterAnalysisTrafficReachedItOverMutualTls()
      throws Exception {
    CliResult canary =
        run(
            "deploy",
            "--env",
            ENV,
            "--strategy",
            "canary",
            "--set",
            "order-manager.OASIS_FAULT_ERROR_RATE=0",
            "--timeout",
            "300s");
    System.out.println("canary on the secured environment:\n" + canary.err());
    assertThat(canary.code()).as(canary.out() + canary.err()).isZero();
    assertThat(canary.err())
        .contains("starting order-manager on the canary track")
        .containsPattern("analysis traffic: \\d+ calls/s to order-manager on canary and stable")
        .contains("errorRate of order-manager: pass", "promoting");
    assertThat(canary.out()).contains("is the new stable");

    CliResult rollout = run("--output", "json", "rollout", "status", "--env", ENV);
    assertThat(rollout.code()).as(rollout.err()).isZero();
    assertThat(rollout.json().get("state").asText()).isEqualTo("succeeded");
    // the verdict counts the canary's calls labelled traffic="analysis" on the canary's own
    // /metrics: the order manager accepts mutual TLS only, so each one came over it
    Matcher m =
        Pattern.compile("(\\d+) of the canary's (\\d+) call\\(s\\) were analysis traffic")
            .matcher(rollout.out());
    assertThat(m.find()).as("a verdict naming analysis traffic: %s", rollout.out()).isTrue();
    assertThat(Long.parseLong(m.group(1))).as("analysis calls the canary served").isPositive();
  }

  @Test
  @Order(3)
  void rollbackReturnsToTheFirstRevision() throws Exception {
    CliResult rollback = run("rollback", "--env", ENV);
    assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
    JsonNode status = project.awaitHealthy(ENV, 90);
    assertThat(status.get("revision").asInt()).isEqualTo(3);
    JsonNode history = run("--output", "json", "history", "--env", ENV).json();
    Set<String> states = new TreeSet<>();
    history.forEach(r -> states.add(r.get("revision").asInt() + "=" + r.get("state").asText()));
    assertThat(states).contains("3=healthy");
    assertThat(
            Files.readString(
                project.dir.resolve(
                    ".oasis/envs/" + ENV + "/credentials/order-manager.variables.json")))
        .as("the order manager runs revision 1's variables again")
        .doesNotContain("OASIS_FAULT_ERROR_RATE");
    // smoke runs again after the next step's broker restart, on this rolled-back revision
  }

  @Test
  @Order(4)
  void marketDataFlowsAgainAndSmokePassesAfterTheBrokerRestartsOverItsData() throws Exception {
    JsonNode broker =
        infrastructure(project.run("--output", "json", "status", "--env", ENV).json());
    long pid = broker.get("pid").asLong();
    double before = normalized();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly)).contains(true);
    // the supervisor restarts the broker on its log dir (slow on a loaded machine); once it is
    // back, the connector's producer must deliver again and the normalizer see trades within
    // a bound, not minutes later
    JsonNode status = awaitBrokerBack(pid, 300);
    double atReady = normalized();
    double after =
        AcceptanceProject.poll(90, SecureStagingAcceptanceIT::normalized, n -> n > atReady + 10);
    System.out.printf(
        "broker killed: normalized trades %.0f before, %.0f when it was back, %.0f after%n%s%n",
        before, atReady, after, metrics("coinbase-connector", "connector_"));
    if (after <= atReady + 10) {
      System.out.println(
          threads("coinbase-connector", status) + threads("data-normalizer", status));
    }
    assertThat(after)
        .as("trades normalized after the broker restarted over its data: %s", status)
        .isGreaterThan(atReady + 10);
    CliResult smoke = run("smoke", "--env", ENV);
    assertThat(smoke.code()).as(smoke.out() + smoke.err()).isZero();
  }

  private static JsonNode awaitBrokerBack(long oldPid, long seconds) throws Exception {
    JsonNode status =
        AcceptanceProject.poll(
            seconds,
            () -> project.run("--output", "json", "status", "--env", ENV).json(),
            s -> back(s, oldPid));
    if (!back(status, oldPid)) {
      throw new AssertionError("the broker did not come back within " + seconds + " s: " + status);
    }
    return status;
  }

  private static boolean back(JsonNode status, long oldPid) {
    JsonNode b = infrastructure(status);
    return b.path("pid").asLong() != oldPid && b.path("ready").asBoolean();
  }

  /** A thread dump of a component's process, for the report of a stalled flow. */
  private static String threads(String component, JsonNode status) throws Exception {
    for (JsonNode c : status.get("components")) {
      if (c.get("name").asText().equals(component)) {
        Process p =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    c.get("pid").asText(),
                    "Thread.print")
                .redirectErrorStream(true)
                .start();
        return new String(
            p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return "no " + component;
  }

  private static JsonNode infrastructure(JsonNode status) {
    for (JsonNode i : status.get("infrastructure")) {
      if (i.get("name").asText().equals("kafka")) {
        return i;
      }
    }
    throw new AssertionError("no kafka in status: " + status);
  }

  /** The normalizer's {@code normalizer_messages_processed_total}, from its own /metrics. */
  private static double normalized() throws Exception {
    double sum = 0;
    for (String line :
        metrics("data-normalizer", "normalizer_messages_processed_total").split("\\n")) {
      if (!line.isBlank()) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** The lines of a component's /metrics that start with {@code prefix}. */
  private static String metrics(String component, String prefix) throws Exception {
    String url = null;
    for (JsonNode c :
        project.run("--output", "json", "status", "--env", ENV).json().get("components")) {
      if (c.get("name").asText().equals(component)) {
        url = c.path("endpoints").path("metrics").asText();
      }
    }
    assertThat(url).as("the metrics endpoint of %s", component).isNotBlank();
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(5))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    StringBuilder out = new StringBuilder();
    for (String line : r.body().split("\\n")) {
      if (line.startsWith(prefix)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  @Order(5)
  void noPlantedSecretAndNoGeneratedPasswordIsAnywhereButItsOwnerOnlyFile() throws Exception {
    run("--output", "json", "status", "--env", ENV);
    run("status", "--env", ENV);
    run("--output", "json", "history", "--env", ENV);
    run("--output", "json", "rollout", "status", "--env", ENV);
    run("preflight", "--env", ENV);
    run("logs", "order-manager", "--env", ENV, "-n", "400");
    run("logs", "kafka", "--env", ENV, "-n", "400");
    Path state = project.dir.resolve(".oasis");
    Path envDir = state.resolve("envs").resolve(ENV);
    Map<String, String> secrets = new LinkedHashMap<>();
    planted.values.forEach((kind, value) -> secrets.put("planted " + kind, value));
    secrets.put("vault token", PlantedSecrets.VAULT_TOKEN_VALUE);
    Map<String, String> generated = PlantedSecrets.generated(envDir.resolve("credentials"));
    assertThat(generated).as("passwords oasis made").isNotEmpty();
    secrets.putAll(generated);

    Set<String> found = PlantedSecrets.find(secrets, state, outputs);
    // the only places allowed: the owner-only files whose job is to hold them, which the
    // processes read (credentials/: passwords, the broker's user list, Redis's ACL file, each
    // process's own variables) and the Kafka client settings oasis writes for operators' tools
    Set<String> allowed = new TreeSet<>();
    for (String place : found) {
      String path = place.substring(0, place.lastIndexOf(": "));
      if (path.startsWith("envs/" + ENV + "/credentials/")
          || path.equals("envs/" + ENV + "/pki/kafka-client.properties")) {
        PlantedSecrets.assertOwnerOnly(state.resolve(path));
        allowed.add(place);
      }
    }
    Set<String> leaks = new TreeSet<>(found);
    leaks.removeAll(allowed);
    assertThat(leaks).as("secret values outside their owner-only files").isEmpty();
    for (String kind : planted.values.keySet()) {
      assertThat(allowed)
          .as("the planted %s value reached the order manager's own variables file", kind)
          .contains("envs/" + ENV + "/credentials/order-manager.variables.json: planted " + kind);
    }
    assertThat(Files.readString(envDir.resolve("desired.json")))
        .as("desired.json refers to the variables files")
        .contains("order-manager.variables.json");
  }
}
