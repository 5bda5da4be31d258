package oasis.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.AnalysisRecord;
import oasis.deploy.rollout.RolloutState;
import oasis.workflow.RolloutWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oasis rollout status|promote|abort|pause|resume}: watch and steer a canary or blue/green.
 */
@Command(
    name = "rollout",
    subcommands = RolloutReportCommand.class,
    description = {
      "Show or steer the rollout of a canary or blue/green deploy: status, promote (next step;",
      "--full: new stable now), abort (every call back on stable, revision failed), pause, resume."
    })
final class RolloutCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  // 0..1 so that the subcommand 'report' parses; a missing ACTION is still bad input (exit 2).
  @Parameters(
      paramLabel = "ACTION",
      arity = "0..1",
      description = "status, promote, abort, pause or resume (or the subcommand report).")
  String action;

  @Option(names = "--full", description = "With promote: skip every remaining step.")
  boolean full;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3m",
      converter = DurationOption.class,
      description = "How long instances may take to become ready (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--watch",
      description = "With status: redraw in place until the rollout ends (lines when piped).")
  boolean watch;

  @Override
  public Integer call() {
    if (watch && "status".equals(action)) {
      return Watch.rollout(
          spec,
          Engines.progressive(spec, environment.env).rollouts(),
          Engines.deployer(spec, environment.env));
    }
    RolloutWorkflow.Answer answer =
        Engines.rollout(spec)
            .run(new RolloutWorkflow.Request(environment.env, action, full, timeout));
    if (answer.status() == null) {
      return answered(answer.message());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (Cli.json(spec)) {
      out.println(new String(Json.bytes(answer.status()), StandardCharsets.UTF_8));
      out.flush();
      return ExitCodes.OK;
    }
    print(out, answer.status());
    return ExitCodes.OK;
  }

  private int answered(String message) {
    if (Cli.json(spec)) {
      Cli.printJson(spec, java.util.Map.of("action", action, "message", message));
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(message);
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, Rollouts.Status s) {
    RolloutState r = s.rollout();
    if (r == null) {
      out.printf("environment %s: %s%n", s.environment(), s.note());
      out.flush();
      return;
    }
    out.printf(
        "environment %s: rollout of %s (revision %d, %s): %s%n",
        s.environment(), r.version(), r.revision(), r.strategy(), s.state());
    out.printf(
        "weights: %s %d%%, stable %d%% (%s)%n",
        r.track(), r.weight(), 100 - r.weight(), String.join(", ", r.components()));
    if (r.hold() != null) {
      out.printf(
          "held by %s for %s%s%n",
          r.hold().rule(),
          Durations.seconds(Duration.between(r.hold().since(), java.time.Instant.now())),
          r.hold().abortAt() == null
              ? ""
              : "; aborted at " + r.hold().abortAt() + " unless decided");
    }
    for (int i = 0; i < r.steps().size(); i++) {
      String mark =
          i < r.step() ? "done" : i == r.step() && !r.phase().finished() ? "now " : "    ";
      out.printf("  %s %d. %s%n", mark, i + 1, r.steps().get(i).describe());
    }
    for (AnalysisRecord a : r.analyses()) {
      out.printf(
          "analysis of step %d: %s%n", a.step() + 1, a.summary() == null ? "running" : a.summary());
      a.measurements()
          .forEach(
              m -> m.verdicts().forEach(v -> out.printf("  #%d %s%n", m.index(), v.explanation())));
    }
    out.println("note: " + s.note());
    out.flush();
  }
}
