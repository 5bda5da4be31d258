package oasis.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import oasis.console.BuildSummary;
import oasis.console.BuildView;
import oasis.core.Steps;
import oasis.workflow.BuildWorkflow;
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
      names = "--push",
      description =
          "Also push each component's image to the environment's kubernetes.registry and record"
              + " it by digest (implies --images); an image pushed before is not pushed again."
              + " Needs a Docker engine that can reach the registry (docker login for its"
              + " credentials).")
  boolean push;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description =
          "With --images: the environment whose docker settings (base image) apply (default: the"
              + " first docker environment). With --push: the environment whose registry the"
              + " images go to (default: the default environment if it has a registry, else the"
              + " only one that has).")
  String env;

  @Override
  public Integer call() {
    BuildView view = Engines.buildView(spec); // null unless stderr is a terminal
    Consumer<String> progress = view != null ? view : Engines.progress(spec);
    BuildWorkflow.Result result;
    try {
      result =
          new BuildWorkflow(Engines.session(spec, progress), view != null ? view : Steps.NONE)
              .build(
                  new BuildWorkflow.Request(components, skipTests, images, keepImages, env, push));
    } finally {
      if (view != null) {
        view.close();
      }
    }
    if (Cli.json(spec)) {
      Cli.printJson(spec, result.document());
      return ExitCodes.OK;
    }
    BuildSummary.print(spec.commandLine().getOut(), result);
    return ExitCodes.OK;
  }
}
