package oasis.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import oasis.console.LiveView;
import oasis.console.RolloutFacts;
import oasis.console.RolloutScreen;
import oasis.console.Style;
import oasis.console.Tables;
import oasis.deploy.Deployer;
import oasis.deploy.Rollouts;
import oasis.deploy.StatusReport;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --watch} of {@code status} and {@code rollout status}: wires the state to a live view. */
final class Watch {

  private static final Duration EVERY = Duration.ofMillis(500);

  private Watch() {}

  /** On a terminal (stdin and stdout) the screen is redrawn; otherwise lines or JSON per change. */
  static boolean terminal() {
    return System.console() != null;
  }

  /** Colour on the terminal only, never with {@code --no-color} or {@code NO_COLOR}. */
  static Style style(CommandSpec spec) {
    return new Style(terminal() && !Cli.root(spec).noColor && Oasis.ansi() != Ansi.OFF);
  }

  /** The rollout until it has succeeded or was aborted (or Ctrl-C). */
  static int rollout(CommandSpec spec, Rollouts rollouts, Deployer deployer) {
    Style st = style(spec);
    ZoneId zone = LocalZone.get();
    new LiveView<RolloutFacts>(
            () -> facts(rollouts.status(), deployer),
            f -> RolloutScreen.render(f, st, Instant.now(), zone, Tables.WIDTH),
            f -> RolloutScreen.line(f, Instant.now(), zone),
            RolloutFacts::finished)
        .run(out(spec), LiveView.mode(Cli.json(spec), terminal()), EVERY);
    return ExitCodes.OK;
  }

  /** The status of an environment until Ctrl-C. */
  static int status(CommandSpec spec, Deployer deployer) {
    Style st = style(spec);
    ZoneId zone = LocalZone.get();
    new LiveView<StatusReport>(
            deployer::status,
            s -> {
              var lines = new java.util.ArrayList<>(Tables.status(s, st));
              lines.add(0, st.dim("every " + EVERY.toMillis() + " ms; Ctrl-C stops"));
              return lines;
            },
            s ->
                oasis.console.Times.local(Instant.now(), Instant.now(), zone)
                    + " "
                    + String.join(" | ", Tables.status(s, new Style(false))),
            s -> false)
        .run(out(spec), LiveView.mode(Cli.json(spec), terminal()), Duration.ofSeconds(1));
    return ExitCodes.OK;
  }

  static RolloutFacts facts(Rollouts.Status s, Deployer deployer) {
    if (s.rollout() == null) {
      return RolloutFacts.of(s, null);
    }
    return RolloutFacts.of(s, deployer.ledger().get(s.rollout().revision()).orElse(null));
  }

  private static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }
}
