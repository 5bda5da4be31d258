package oasis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.preflight.Preflight;
import oasis.preflight.PreflightReport;
import oasis.preflight.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis preflight}: runs the pre-deploy checklist of {@code checklists/}. */
@Command(
    name = "preflight",
    description = {
      "Run the pre-deploy checklist (checklists/*.yaml) against an environment.",
      "Exit 0 when it passes, 1 when an error-severity check fails (warnings too with --strict),",
      "2 on a malformed checklist, an unknown check id, environment or release."
    })
final class PreflightCommand implements Callable<Integer>, JsonOutput {

  /** Report formats of {@code --format}. */
  enum Format {
    text,
    json,
    junit,
    github
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "Target environment (default: defaultEnvironment of oasis.yaml).")
  String env;

  @Option(
      names = "--release",
      paramLabel = "VERSION",
      description = "The release being deployed (X.Y.Z or vX.Y.Z).")
  String release;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Report format: ${COMPLETION-CANDIDATES} (default: text, or json with --output json).")
  Format format;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the report to FILE; stdout gets the text table.")
  Path report;

  @Option(
      names = "--only",
      paramLabel = "CHECK_ID",
      arity = "1..*",
      description = "Run only these checks.")
  List<String> only;

  @Option(names = "--strict", description = "Warnings fail the preflight too.")
  boolean strict;

  @Override
  public Integer call() {
    if (Cli.json(spec) && format != null && format != Format.json) {
      throw OasisException.badInput(
          "--output json and --format " + format + " ask for two different outputs",
          "Use --format " + format + " alone, or --output json (same as --format json).");
    }
    Project project = Cli.project(spec);
    PreflightReport result =
        Preflight.run(project, new Preflight.Options(env, release, only, strict));
    Format chosen = format != null ? format : Cli.json(spec) ? Format.json : Format.text;
    String rendered = ReportFormat.of(chosen.name()).render(result, project.dir());
    PrintWriter out = spec.commandLine().getOut();
    if (report != null) {
      ReportFiles.write(report, rendered, Engines.progress(spec));
      out.print(ReportFormat.TEXT.render(result, project.dir()));
    } else {
      out.print(rendered);
    }
    out.flush();
    return result.failed() ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
