package oasis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): medians of N runs of a cold {@code deploy} to all ready, the Kafka
 * broker's own time to ready in the same run (from the supervisor's record), and {@code rollback}
 * to all ready. Runs {@code ./oasis} as a process, as a user would (run it from the repository
 * root). Afterwards, for context, the broker started by itself on the idle machine.
 *
 * <p>{@code --verbs} measures instead what issue 15 holds the verbs to: the whole {@code oasis
 * rollback} command right after a deploy of a new build of order-manager (a never-stopped artifact,
 * as a user's first rollback meets it; target 2 s), and a blue/green {@code oasis rollout abort}
 * while every call is on green and blue is warm (target 0.5 s), both the whole command and the time
 * from the request until the routes are back on blue. Each new build comes from an untracked
 * resource file {@code oasis-bench.properties} in order-manager, removed at the end.
 *
 * <p>{@code --beside OTHER} measures instead cold bring-ups of the environment and of {@code OTHER}
 * in turns, in the same run (staging-secure beside staging: what securing every hop costs).
 *
 * <pre>
 * java -cp "cli/target/test-classes:cli/target/oasis-cli.jar:cli/target/lib/*" \
 *     oasis.bench.DeployBenchmark [--project-dir DIR] [--env staging] [--runs 5] [--verbs]
 *     [--beside staging-secure]
 * </pre>
 */
public final class DeployBenchmark {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(".");
    String env = "staging";
    int runs = 5;
    boolean verbs = false;
    String beside = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--project-dir" -> dir = Path.of(args[++i]);
        case "--env" -> env = args[++i];
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--verbs" -> verbs = true;
        case "--beside" -> beside = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    dir = dir.toAbsolutePath().normalize();
    Cli cli = new Cli(Path.of("oasis").toAbsolutePath(), dir);
    if (verbs) {
      VerbsBenchmark.run(cli, dir, env, runs);
      return;
    }
    if (beside != null) {
      besides(cli, env, beside, runs);
      return;
    }
    cli.ok("build", "--skip-tests"); // not timed: the artifact store is warm for every run
    cli.ok("down", "--env", env);
    List<Double> cold = new ArrayList<>();
    List<Double> broker = new ArrayList<>();
    List<Double> rollback = new ArrayList<>();
    JsonNode brokerSpec = null;
    for (int run = 0; run < runs; run++) {
      cli.ok("down", "--env", env);
      long t0 = System.nanoTime();
      cli.ok("deploy", "--env", env, "--skip-tests");
      cold.add(seconds(System.nanoTime() - t0));
      if (brokerSpec == null) {
        brokerSpec = kafkaInstance(dir, env);
      }
      JsonNode state =
          new ObjectMapper().readTree(dir.resolve(".oasis/envs/" + env + "/state.json").toFile());
      JsonNode kafka = state.path("instances").path("kafka");
      broker.add(kafka.isMissingNode() ? Double.NaN : kafka.path("readyMillis").asLong() / 1000.0);
      // a second revision that changes one component, then roll back to the first
      String first = firstComponent(cli, env);
      cli.ok("deploy", "--env", env, "--skip-tests", "--set", first + ".OASIS_BENCH_RUN=" + run);
      long t1 = System.nanoTime();
      cli.ok("rollback", "--env", env);
      rollback.add(seconds(System.nanoTime() - t1));
      System.err.printf(
          Locale.ROOT,
          "run %d: cold deploy %.2f s, broker %.2f s, rollback %.2f s%n",
          run + 1,
          cold.get(run),
          broker.get(run),
          rollback.get(run));
    }
    cli.ok("down", "--env", env);
    List<Double> alone = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      alone.add(brokerAlone(dir, brokerSpec));
    }
    double c = median(cold);
    double b = median(broker);
    System.out.printf(
        Locale.ROOT,
        "cold deploy --env %s to all ready: median %.2f s of %d %s%n",
        env,
        c,
        runs,
        cold);
    System.out.printf(
        Locale.ROOT, "embedded broker's own time to ready: median %.2f s %s%n", b, broker);
    System.out.printf(Locale.ROOT, "bring-up / broker ratio: %.2f (target <= 2.5)%n", c / b);
    double a = median(alone);
    System.out.printf(
        Locale.ROOT,
        "the broker alone on this machine (same command and archive): median %.2f s %s;"
            + " bring-up / that: %.2f%n",
        a,
        alone,
        c / a);
    System.out.printf(
        Locale.ROOT,
        "rollback to all ready: median %.2f s %s (target <= 5 s)%n",
        median(rollback),
        rollback);
  }

  /**
   * Cold bring-ups of {@code env} and of {@code other} taken in turns in the same run (one down,
   * the other deployed), so that both meet the same machine: e.g. staging-secure beside staging,
   * what encrypting and authenticating every hop costs a deploy.
   */
  private static void besides(Cli cli, String env, String other, int runs) throws Exception {
    cli.ok("build", "--skip-tests"); // not timed: the artifact store is warm for every run
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      for (String e : List.of(env, other)) {
        cli.ok("down", "--env", env);
        cli.ok("down", "--env", other);
        long t0 = System.nanoTime();
        cli.ok("deploy", "--env", e, "--skip-tests");
        double took = seconds(System.nanoTime() - t0);
        times.computeIfAbsent(e, k -> new ArrayList<>()).add(took);
        System.err.printf(Locale.ROOT, "run %d: cold deploy --env %s %.2f s%n", run + 1, e, took);
      }
    }
    cli.ok("down", "--env", other);
    times.forEach(
        (e, xs) ->
            System.out.printf(
                Locale.ROOT,
                "cold deploy --env %s to all ready: median %.2f s of %d %s%n",
                e,
                median(xs),
                xs.size(),
                xs));
    System.out.printf(
        Locale.ROOT,
        "%s / %s: %.2f%n",
        other,
        env,
        median(times.get(other)) / median(times.get(env)));
  }

  /**
   * The broker started by itself, as the supervisor starts it (its command from {@code
   * desired.json}, plus the class-data archive the supervisor would map), on free ports and an
   * empty log directory: seconds to its ready line.
   */
  private static double brokerAlone(Path dir, JsonNode kafka) throws Exception {
    if (kafka == null) {
      return Double.NaN;
    }
    List<String> cmd = new ArrayList<>();
    kafka.path("command").forEach(c -> cmd.add(c.asText()));
    String digest = kafka.path("artifact").asText();
    try (var archives = java.nio.file.Files.list(dir.resolve(".oasis/artifacts/cds"))) {
      archives
          .filter(f -> f.getFileName().toString().startsWith(digest.replace("sha256:", "")))
          .filter(f -> f.toString().endsWith(".jsa"))
          .findFirst()
          .ifPresent(f -> cmd.add(1, "-XX:SharedArchiveFile=" + f));
    } catch (java.io.IOException e) {
      // no archives yet: the broker starts without
    }
    Path data = java.nio.file.Files.createTempDirectory("bench-kafka");
    Path log = data.resolve("out.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    kafka
        .path("env")
        .fields()
        .forEachRemaining(e -> pb.environment().put(e.getKey(), e.getValue().asText()));
    pb.environment().put("KAFKA_PORT", String.valueOf(freePort()));
    pb.environment().put("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
    pb.environment().put("KAFKA_LOG_DIR", data.resolve("data").toString());
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      while (!java.nio.file.Files.readString(log).contains("oasis-kafka ready")) {
        if (!p.isAlive() || System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(2)) {
          throw new IllegalStateException("the broker did not start; see " + log);
        }
        Thread.sleep(10);
      }
      return seconds(System.nanoTime() - t0);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The broker's instance in the supervisor's desired state, or null without one. */
  private static JsonNode kafkaInstance(Path dir, String env) throws Exception {
    JsonNode desired =
        new ObjectMapper().readTree(dir.resolve(".oasis/envs/" + env + "/desired.json").toFile());
    for (JsonNode i : desired.path("instances")) {
      if ("KAFKA".equals(i.path("kind").asText())) {
        return i;
      }
    }
    return null;
  }

  private static int freePort() throws java.io.IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String firstComponent(Cli cli, String env) throws Exception {
    JsonNode status =
        new ObjectMapper().readTree(cli.ok("--output", "json", "status", "--env", env));
    return status.path("components").get(0).path("name").asText();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The packaged CLI, run as a process. */
  record Cli(Path launcher, Path dir) {
    String ok(String... args) throws Exception {
      // The launcher a user runs (its class-data archive included), not a bare java -jar.
      List<String> cmd =
          new ArrayList<>(List.of(launcher.toString(), "--project-dir", dir.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "oasis " + String.join(" ", args) + " failed (exit " + p.exitValue() + ")");
      }
      return out;
    }
  }
}
