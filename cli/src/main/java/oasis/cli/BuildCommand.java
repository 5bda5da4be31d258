package oasis.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import oasis.build.BuildRecord;
import oasis.build.Builder;
import oasis.config.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oasis build [COMPONENT...]}: build into the content-addressed artifact store. */
@Command(
    mixinStandardHelpOptions = true,
    name = "build",
    description =
        "Build components with the Maven Wrapper into the artifact store (.oasis/artifacts).")
final class BuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "COMPONENT",
      arity = "0..*",
      description = "Components (default: all, and the Kafka broker).")
  List<String> components = new ArrayList<>();

  @Option(names = "--skip-tests", description = "Do not run the components' unit tests.")
  boolean skipTests;

  @Override
  public Integer call() {
    Project project = Cli.project(spec);
    BuildRecord record =
        Engines.builder(spec, project).build(project.config(), components, skipTests);
    if (Cli.json(spec)) {
      Cli.printJson(spec, record);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "built %s (commit %s%s)%n",
        record.version(), shortCommit(record.commit()), record.dirty() ? ", dirty" : "");
    record.artifacts().forEach((n, d) -> out.printf("  %-20s %s%n", n, Builder.shortDigest(d)));
    out.flush();
    return ExitCodes.OK;
  }

  private static String shortCommit(String c) {
    return c.length() > 7 ? c.substring(0, 7) : c;
  }
}
