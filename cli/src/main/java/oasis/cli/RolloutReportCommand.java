package oasis.cli;

import static java.util.stream.Collectors.joining;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import oasis.console.HtmlReport;
import oasis.console.RolloutFacts;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.deploy.Rollouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis rollout report}: the rollout as one self-contained HTML page, or as JSON. */
@Command(
    mixinStandardHelpOptions = true,
    name = "report",
    description = {
      "Write the rollout (finished or running) as one self-contained HTML file: steps and weights,",
      "per judged metric canary against stable with the boundary, verdicts and their evidence."
    })
final class RolloutReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--revision",
      paramLabel = "N",
      description =
          "The revision whose rollout to report (default: the last rollout); earlier rollouts are"
              + " kept up to the environment's history limit.")
  Integer revision;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Where to write the report (default: stdout).")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "html",
      description = "html or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    boolean json = "json".equals(format) || Cli.json(spec);
    if (!json && !"html".equals(format)) {
      throw OasisException.badInput(
          "unknown report format '" + format + "'", "Use --format html or --format json.");
    }
    Rollouts rollouts = Engines.progressive(spec, environment.env).rollouts();
    Rollouts.Status status = revision == null ? rollouts.status() : rollouts.status(revision);
    if (status == null) {
      throw OasisException.badInput(
          "no recorded rollout of revision "
              + revision
              + " on '"
              + Cli.project(spec).environment(environment.env).getKey()
              + "'",
          rollouts.kept().isEmpty()
              ? "No rollout has run there; see 'oasis history'."
              : "Kept rollouts (the history limit bounds them): revisions "
                  + rollouts.kept().stream().map(String::valueOf).collect(joining(", "))
                  + "; see 'oasis history'.");
    }
    var ledger = Engines.deployer(spec, environment.env).ledger();
    RolloutFacts f =
        RolloutFacts.of(
            status,
            status.rollout() == null ? null : ledger.get(status.rollout().revision()).orElse(null));
    if (!f.present()) {
      throw OasisException.conflict(
          "no rollout has run on '" + f.environment() + "'",
          "Start one with 'oasis deploy --strategy canary'.");
    }
    String text =
        json
            ? new String(Json.bytes(f), StandardCharsets.UTF_8)
            : HtmlReport.render(f, Instant.now(), LocalZone.get());
    PrintWriter out = spec.commandLine().getOut();
    if (file == null) {
      out.print(text);
    } else {
      ReportFiles.write(file, text, Engines.progress(spec));
      out.println(
          "wrote the report of rollout " + f.revision() + " (" + f.state() + ") to " + file);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
