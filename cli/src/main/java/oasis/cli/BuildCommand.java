package oasis.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.config.Project;
import oasis.console.BuildView;
import oasis.core.Durations;
import oasis.core.OasisException;
import oasis.core.Steps;
import oasis.runtime.docker.ImageBuild;
import oasis.runtime.docker.ImageBuilder;
import oasis.runtime.docker.ImagePrune;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oasis build [COMPONENT...]}: build into the content-addressed artifact store. */
@Command(
    name = "build",
    description =
        "Build components with the Maven Wrapper into the artifact store (.oasis/artifacts).")
final class BuildCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "COMPONENT",
      arity = "0..*",
      description = "Components (default: all, and the Kafka broker).")
  List<String> components = new ArrayList<>();

  @Option(names = "--skip-tests", description = "Do not run the components' unit tests.")
  boolean skipTests;

  @Option(
      names = "--images",
      description =
          "Also build one container image per component and for Kafka (and Redis), from"
              + " templates/docker/; unchanged inputs are not rebuilt. Needs a Docker engine.")
  boolean images;

  @Option(
      names = "--keep-images",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "With --images: then remove this project's older images, keeping the newest N of each"
              + " component (default: ${DEFAULT-VALUE}; 0 keeps all). Never removed: an image a"
              + " container uses (any state), one whose artifact an environment's current, last"
              + " healthy or rollback revision runs, one this build uses, or another project's.")
  int keepImages;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description =
          "With --images: the environment whose docker settings (base image) apply (default: the"
              + " first docker environment).")
  String env;

  @Override
  public Integer call() {
    if (keepImages < 0) {
      throw OasisException.badInput(
          "--keep-images " + keepImages + " is negative", "Give 0 (keep all) or more.");
    }
    Project project = Cli.project(spec);
    BuildView view = Engines.buildView(spec); // null unless stderr is a terminal
    Consumer<String> progress = view != null ? view : Engines.progress(spec);
    Steps steps = view != null ? view : Steps.NONE;
    BuildRecord record;
    Map<String, ImageBuilder.Result> built;
    ImagePrune.Outcome pruned;
    try {
      record =
          new Builder(project.dir(), project.stateDir(), Clock.systemUTC(), progress, steps)
              .build(project.config(), components, skipTests);
      built =
          images
              ? ImageBuild.build(
                  project,
                  ImageBuild.environment(project, env),
                  record.artifacts(),
                  progress,
                  steps)
              : Map.of();
      pruned =
          images
              ? ImageBuild.prune(project, keepImages, built, progress)
              : new ImagePrune.Outcome(List.of(), Map.of());
    } finally {
      if (view != null) {
        view.close();
      }
    }
    if (Cli.json(spec)) {
      Cli.printJson(
          spec, images ? Map.of("build", record, "images", built, "pruned", pruned) : record);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "built %s (commit %s%s)%n",
        record.version(), shortCommit(record.commit()), record.dirty() ? ", dirty" : "");
    record.artifacts().forEach((n, d) -> out.printf("  %-20s %s%n", n, Builder.shortDigest(d)));
    built.forEach(
        (n, r) ->
            out.printf(
                "  image %-14s %s %s%n",
                n, r.ref(), r.built() ? "built in " + Durations.seconds(r.took()) : "up to date"));
    if (!pruned.removed().isEmpty()) {
      out.printf(
          "  removed %d older image(s) of this project: %s%n",
          pruned.removed().size(), String.join(", ", pruned.removed()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String shortCommit(String c) {
    return c.length() > 7 ? c.substring(0, 7) : c;
  }
}
