package oasis.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.AnalysisRecord;
import oasis.deploy.rollout.Control;
import oasis.deploy.rollout.RolloutState;
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
    if (action == null) {
      throw oasis.core.OasisException.badInput(
          "missing ACTION of 'oasis rollout'",
          "Use one of: status, promote, abort, pause, resume, report.");
    }
    Control quick =
        "abort".equals(action) ? Control.ABORT : "pause".equals(action) ? Control.PAUSE : null;
    if (quick != null && environment.env != null) {
      // Before oasis.yaml and the target: the command that drives the rollout acts at once.
      Optional<String> done = Rollouts.toDriver(Engines.envDir(spec, environment.env), quick);
      if (done.isPresent()) {
        return answered(done.get());
      }
    }
    Rollouts rollouts = Engines.progressive(spec, environment.env).rollouts();
    PrintWriter out = spec.commandLine().getOut();
    if ("status".equals(action) && watch) {
      return Watch.rollout(spec, rollouts, Engines.deployer(spec, environment.env));
    }
    if ("status".equals(action)) {
      Rollouts.Status s = rollouts.status();
      if (Cli.json(spec)) {
        out.println(new String(Json.bytes(s), java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        return ExitCodes.OK;
      }
      print(out, s);
      return ExitCodes.OK;
    }
    Control c =
        switch (action) {
          case "promote" -> full ? Control.PROMOTE_FULL : Control.PROMOTE;
          case "abort" -> Control.ABORT;
          case "pause" -> Control.PAUSE;
          case "resume" -> Control.RESUME;
          default ->
              throw oasis.core.OasisException.badInput(
                  "unknown rollout action '" + action + "'",
                  "Use one of: status, promote, abort, pause, resume.");
        };
    return answered(rollouts.request(c, timeout));
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
