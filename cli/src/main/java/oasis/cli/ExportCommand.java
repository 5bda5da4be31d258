package oasis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import oasis.artifact.BuildRecord;
import oasis.config.Project;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.deploy.Release;
import oasis.runtime.Plan;
import oasis.runtime.docker.ComposeExport;
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
      Project project = Cli.project(spec);
      String env = project.environment(environment.env).getKey();
      Plan plan = Engines.deployer(spec, env).currentPlan(() -> latestBuild(project, env));
      Path dir = file == null ? project.dir() : file.toAbsolutePath().getParent();
      String yaml = ComposeExport.render(project, env, plan, dir);
      if (file == null) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(yaml);
        out.flush();
        return ExitCodes.OK;
      }
      try {
        Files.createDirectories(dir);
        Files.writeString(file, yaml);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      Engines.progress(spec)
          .accept("wrote " + file + " (" + env + ", version " + plan.version() + ")");
      return ExitCodes.OK;
    }

    static Release latestBuild(Project project, String env) {
      BuildRecord b =
          Json.read(project.stateDir().resolve("builds").resolve("latest.json"), BuildRecord.class);
      if (b == null) {
        throw OasisException.conflict(
            "nothing is deployed to '" + env + "' and nothing is built to export",
            "Build first: oasis build (add --images to build the images the file names).");
      }
      return new Release(b.version(), b.commit(), b.artifacts());
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
      Project project = Cli.project(spec);
      String env = project.environment(environment.env).getKey();
      String target = project.environment(env).getValue().target();
      if (!"kubernetes".equals(target)) {
        throw OasisException.badInput(
            "environment '" + env + "' uses target '" + target + "', not kubernetes",
            "Export an environment with 'target: kubernetes', or use 'oasis export compose'.");
      }
      Release release = Compose.latestBuild(project, env);
      var files =
          oasis.runtime.kubernetes.KustomizeExport.write(
              project, env, release, dir.toAbsolutePath());
      Engines.progress(spec)
          .accept(
              "wrote "
                  + files.size()
                  + " files under "
                  + dir
                  + " ("
                  + env
                  + ", version "
                  + release.version()
                  + "): kubectl kustomize "
                  + dir.resolve("overlays").resolve(env));
      return ExitCodes.OK;
    }
  }
}
