package oasis.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.config.EnvFile;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.deploy.PlanFactory;
import oasis.deploy.PlanImages;
import oasis.deploy.PushedImages;
import oasis.deploy.Release;
import oasis.deploy.Targets;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.docker.ComposeExport;
import oasis.runtime.kubernetes.KustomizeExport;

/** {@code oasis export}: what an environment runs, written in another tool's format. */
public final class ExportWorkflow {

  /**
   * @param env the environment (null: the default one)
   * @param file where to write the compose file (null: return it for stdout)
   */
  public record ComposeRequest(String env, Path file) {}

  /**
   * @param yaml the compose file
   * @param written the file it went to, or null when the caller prints it
   */
  public record ComposeResult(String env, String version, String yaml, Path written) {}

  /**
   * @param env the environment (null: the default one); it must use the kubernetes target
   * @param dir where the Kustomize layout goes
   */
  public record KubernetesRequest(String env, Path dir) {}

  public record KubernetesResult(String env, String version, List<Path> files) {}

  private final Session session;

  public ExportWorkflow(Session session) {
    this.session = session;
  }

  /** The environment's current revision (else the latest build) as a compose file. */
  public ComposeResult compose(ComposeRequest request) {
    Project project = session.project();
    String env = project.environment(request.env()).getKey();
    Plan plan =
        new Deployer(
                project,
                env,
                Targets.of(project, env),
                session.clock(),
                session.progress(),
                session.command())
            .currentPlan(() -> latestBuild(project, env));
    Path file = request.file() == null ? null : request.file().toAbsolutePath();
    Path dir = file == null ? project.dir() : file.getParent();
    String yaml = ComposeExport.render(project, env, plan, dir, new PlanImages(project, env));
    if (file != null) {
      try {
        Files.createDirectories(dir);
        Files.writeString(file, yaml);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
    return new ComposeResult(env, plan.version(), yaml, request.file());
  }

  /** The objects the kubernetes target would apply for the latest build, as Kustomize files. */
  public KubernetesResult kubernetes(KubernetesRequest request) {
    Project project = session.project();
    var environment = project.environment(request.env());
    String env = environment.getKey();
    var e = environment.getValue();
    if (!"kubernetes".equals(e.target())) {
      throw OasisException.badInput(
          "environment '" + env + "' uses target '" + e.target() + "', not kubernetes",
          "Export an environment with 'target: kubernetes', or use 'oasis export compose'.");
    }
    Release release = latestBuild(project, env);
    Plan plan = kubernetesPlan(project, env, release);
    List<Path> files =
        KustomizeExport.write(
            project, env, plan, request.dir().toAbsolutePath(), new PushedImages(project, env));
    return new KubernetesResult(env, release.version(), files);
  }

  /**
   * What the kubernetes target would converge {@code env} to for {@code release}: the plan of a
   * first deploy (no ports taken, no overrides), Kafka and Redis run by the cluster's operators.
   */
  public static Plan kubernetesPlan(Project project, String env, Release release) {
    var e = project.environment(env).getValue();
    Path envFile = e.envFile() == null ? null : project.dir().resolve(e.envFile());
    return PlanFactory.plan(
        project.config(),
        env,
        e,
        release,
        Map.of(),
        Map.of(),
        EnvFile.read(envFile),
        Set.of(InstanceKind.KAFKA, InstanceKind.REDIS),
        kind -> "the kubernetes target runs every kind");
  }

  private static Release latestBuild(Project project, String env) {
    BuildRecord b =
        Builder.latest(project.stateDir())
            .orElseThrow(
                () ->
                    OasisException.conflict(
                        "nothing is deployed to '" + env + "' and nothing is built to export",
                        "Build first: oasis build (add --images to build the images the file"
                            + " names)."));
    return new Release(b.version(), b.commit(), b.artifacts());
  }
}
