package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's acceptance: a client of the trading system's published contract, in another language
 * (Node: {@code @grpc/grpc-js} and {@code @grpc/proto-loader} loading {@code proto/baseline},
 * {@code kafkajs} and {@code protobufjs} for the topic), against {@code oasis deploy --env staging}
 * of this repository's services: ValidateSignal approved with the order forwarded, ExecuteOrder
 * filled on paper and idempotent, the normalized topic read with the baseline MarketDataEvent. The
 * client lives in {@code services/risk-engine/src/test/node}; npm installs its packages here. No
 * npm is a failure, never a skip: CI has it.
 */
@ExtendWith(StagingPorts.class)
class ExistingClientAcceptanceIT {

  static final Path CLIENT = AcceptanceProject.REPO.resolve("services/risk-engine/src/test/node");

  @TempDir static Path tmp;
  static AcceptanceProject project;

  @BeforeAll
  static void deployStaging() throws Exception {
    project = new AcceptanceProject(Files.createDirectories(tmp.resolve("project")));
    CliResult deploy = project.run("deploy", "--env", "staging", "--timeout", "120s");
    assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    if (project != null) {
      project.cleanUp();
    }
  }

  @Test
  void aNodeClientOfThePublishedContractTradesOnPaperAndReadsTheNormalizedTopic() throws Exception {
    Path client = tmp.resolve("node-client");
    Files.createDirectories(client);
    for (String f : List.of("package.json", "existing-client.mjs")) {
      Files.copy(CLIENT.resolve(f), client.resolve(f));
    }
    run(client, 300, Map.of(), npm(), "install", "--no-audit", "--no-fund", "--loglevel=error");

    JsonNode config =
        new ObjectMapper(new YAMLFactory()).readTree(project.dir.resolve("oasis.yaml").toFile());
    Map<String, String> env =
        Map.of(
            "BASELINE_DIR",
            AcceptanceProject.REPO.resolve("proto/baseline").toString(),
            "OUR_PROTO_DIR",
            AcceptanceProject.REPO.resolve("proto/src/main/protobuf").toString(),
            "RISK_ADDR",
            "127.0.0.1:" + port(config, "components", "risk-engine", "grpc"),
            "ORDER_MANAGER_ADDR",
            "127.0.0.1:" + port(config, "components", "order-manager", "grpc"),
            "KAFKA_BROKERS",
            "127.0.0.1:" + port(config, "infrastructure", "kafka", "bootstrap"),
            "MARKET_TOPIC",
            "market-data.trades.normalized");
    String out = run(client, 180, env, "node", "existing-client.mjs");

    JsonNode result = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    System.out.println("existing Node client: " + result);
    assertThat(result.path("ok").asBoolean()).as(out).isTrue();
    assertThat(result.at("/signal/order_request/mode").asText()).isEqualTo("PAPER");
    assertThat(result.at("/forwarded/status").asText()).isEqualTo("FILLED");
    assertThat(result.at("/order/first/status").asText()).isEqualTo("FILLED");
    assertThat(result.at("/order/again/order_id").asText())
        .isEqualTo(result.at("/order/first/order_id").asText());
    assertThat(result.at("/marketData/trade_update/price").asText()).matches("\\d+(\\.\\d+)?");
  }

  private static int port(JsonNode config, String section, String name, String port) {
    JsonNode value = config.path(section).path(name).path("ports").path(port);
    assertThat(value.isInt()).as("%s.%s.ports.%s in oasis.yaml", section, name, port).isTrue();
    return value.asInt();
  }

  /** npm, or a failure that says how to get it: this test never skips for want of it. */
  private static String npm() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "npm"))) {
        return Path.of(dir, "npm").toString();
      }
    }
    return fail(
        "npm is not on PATH: this acceptance test needs Node.js and npm (e.g. apt-get install -y"
            + " nodejs npm) to install @grpc/grpc-js, @grpc/proto-loader, kafkajs from the npm"
            + " registry");
  }

  private static String run(Path dir, long seconds, Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile(tmp, "node", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish within " + seconds + " s:\n" + read(log));
    }
    String out = read(log);
    assertThat(p.exitValue()).as("%s exited with:%n%s", String.join(" ", cmd), out).isZero();
    return out;
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
