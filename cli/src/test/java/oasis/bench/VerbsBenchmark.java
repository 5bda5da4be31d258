package oasis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code DeployBenchmark --verbs}: the first rollback after a new build, and a blue/green abort
 * inside the warm window, each the whole command as a user runs it (see {@link DeployBenchmark}).
 */
final class VerbsBenchmark {

  private static final String COMPONENT = "order-manager";

  private VerbsBenchmark() {}

  static void run(DeployBenchmark.Cli cli, Path dir, String env, int runs) throws Exception {
    Path marker =
        dir.resolve("services/" + COMPONENT + "/src/main/resources/oasis-bench.properties");
    List<Double> rollback = new ArrayList<>();
    List<Double> abortCommand = new ArrayList<>();
    List<Double> abortSwitch = new ArrayList<>();
    try {
      Files.deleteIfExists(marker);
      cli.ok("build", "--skip-tests");
      cli.ok("down", "--env", env);
      // A (a loaded machine may need long for the broker's first start)
      cli.ok("deploy", "--env", env, "--skip-tests", "--timeout", "10m");
      Files.createDirectories(marker.getParent());
      for (int run = 0; run < runs; run++) {
        Files.writeString(marker, "run=" + run + "\nat=" + Instant.now() + "\n");
        // B: a build never stopped before
        cli.ok("deploy", "--env", env, "--skip-tests", "--timeout", "10m");
        long t0 = System.nanoTime();
        cli.ok("rollback", "--env", env);
        rollback.add(seconds(System.nanoTime() - t0));
        System.err.printf(
            Locale.ROOT,
            "run %d: first rollback after a new build %.2f s%n",
            run + 1,
            rollback.get(run));
      }
      Files.deleteIfExists(marker);
      for (int run = 0; run < runs; run++) {
        double[] abort = blueGreenAbort(cli, dir, env, run);
        abortCommand.add(abort[0]);
        abortSwitch.add(abort[1]);
        System.err.printf(
            Locale.ROOT,
            "run %d: blue/green abort command %.2f s, traffic back on blue %.3f s after the"
                + " request%n",
            run + 1,
            abort[0],
            abort[1]);
      }
    } finally {
      Files.deleteIfExists(marker);
      cli.ok("down", "--env", env);
    }
    System.out.printf(
        Locale.ROOT,
        "oasis rollback, first after a new build of %s: median %.2f s of %d %s (target <= 2 s)%n",
        COMPONENT,
        DeployBenchmark.median(rollback),
        runs,
        rollback);
    System.out.printf(
        Locale.ROOT,
        "oasis rollout abort of a blue/green in its warm window: median %.2f s %s; traffic back on"
            + " blue %.3f s after the request %s (target < 0.5 s)%n",
        DeployBenchmark.median(abortCommand),
        abortCommand,
        DeployBenchmark.median(abortSwitch),
        abortSwitch);
  }

  /**
   * A blue/green deploy (a changed variable, so green starts beside blue), aborted once every call
   * is on green: {the abort command's seconds, seconds from the request to traffic back on blue}.
   */
  private static double[] blueGreenAbort(DeployBenchmark.Cli cli, Path dir, String env, int run)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                cli.launcher().toString(),
                "--project-dir",
                dir.toString(),
                "deploy",
                "--env",
                env,
                "--skip-tests",
                "--timeout",
                "10m",
                "--strategy",
                "blue-green",
                "--set",
                // a variable the order manager reads (--set refuses others), harmless, new each run
                COMPONENT + ".OASIS_FAULT_ERROR_RATE=0." + "0".repeat(run + 1)));
    Process deploy =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path rollout = dir.resolve(".oasis/envs/" + env + "/rollout.json");
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      JsonNode r = Files.exists(rollout) ? json.readTree(rollout.toFile()) : null;
      boolean onGreen =
          r != null
              && r.path("revision").asInt() > 0
              && r.path("weight").asInt() == 100
              && !r.path("phase").asText().equals("aborted")
              && !r.path("phase").asText().equals("succeeded")
              && r.path("driver").asLong() == deploy.pid();
      if (onGreen) {
        break;
      }
      if (!deploy.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the blue/green deploy never put every call on green");
      }
      Thread.sleep(50);
    }
    Instant requested = Instant.now();
    long t0 = System.nanoTime();
    cli.ok("rollout", "abort", "--env", env);
    double command = seconds(System.nanoTime() - t0);
    JsonNode done = json.readTree(rollout.toFile());
    Instant back = Instant.parse(done.path("trafficBackAt").asText());
    if (!deploy.waitFor(2, TimeUnit.MINUTES)) {
      deploy.destroy();
      throw new IllegalStateException("the aborted deploy did not end");
    }
    return new double[] {command, Duration.between(requested, back).toNanos() / 1e9};
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
