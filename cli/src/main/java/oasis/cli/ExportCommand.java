package oasis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import oasis.workflow.ExportWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis export compose}: what an environment runs, for other tools. */
@Command(
    name = "export",
    description = "Export what an environment runs in another tool's format.",
    subcommands = {ExportCommand.Compose.class, ExportCommand.Kubernetes.class})
final class ExportCommand {

  /** {@code oasis export compose --env ENV [--file FILE]}. */
  @Command(
      name = "compose",
      description = {
        "Write a compose file with the containers the docker target runs for ENV (its current",
        "revision, else the latest build). Secrets stay in the environment's .env, which each",
        "service mounts read-only as /opt/oasis/app/.env (readable by uid 65532). Ports are",
        "published on 127.0.0.1 on host ports Docker picks, as the docker target does, except",
        "Kafka's host listener: it takes the oasis.yaml bootstrap port (see the file's header)."
      })
  static final class Compose implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin EnvironmentMixin environment;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "Write to FILE (default: stdout).")
    Path file;

    @Override
    public Integer call() {
      var result =
          Engines.export(spec).compose(new ExportWorkflow.ComposeRequest(environment.env, file));
      if (result.written() == null) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.yaml());
        out.flush();
        return ExitCodes.OK;
      }
      Engines.progress(spec)
          .accept(
              "wrote "
                  + result.written()
                  + " ("
                  + result.env()
                  + ", version "
                  + result.version()
                  + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code oasis export kubernetes --env ENV --dir DIR}. */
  @Command(
      name = "kubernetes",
      mixinStandardHelpOptions = true,
      description = {
        "Write a Kustomize layout with the objects the kubernetes target applies for ENV's latest",
        "build: DIR/base (one file per object) and DIR/overlays/ENV (the namespace).",
        "'kubectl kustomize DIR/overlays/ENV' renders it. Secret variables are secretKeyRefs;",
        "no value from the .env is written."
      })
  static final class Kubernetes implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin EnvironmentMixin environment;

    @Option(
        names = {"-d", "--dir"},
        paramLabel = "DIR",
        required = true,
        description = "Write the layout under DIR.")
    Path dir;

    @Override
    public Integer call() {
      var result =
          Engines.export(spec)
              .kubernetes(new ExportWorkflow.KubernetesRequest(environment.env, dir));
      Engines.progress(spec)
          .accept(
              "wrote "
                  + result.files().size()
                  + " files under "
                  + dir
                  + " ("
                  + result.env()
                  + ", version "
                  + result.version()
                  + "): kubectl kustomize "
                  + dir.resolve("overlays").resolve(result.env()));
      return ExitCodes.OK;
    }
  }
}
