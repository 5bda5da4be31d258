package oasis.deploy;

import oasis.artifact.ArtifactStore;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.runtime.Target;
import oasis.runtime.docker.DockerTarget;
import oasis.runtime.local.LocalTarget;

/**
 * The {@link Target} of an environment, by its {@code target} in {@code oasis.yaml}. The docker
 * target's classes (and docker-java) load only when an environment uses it.
 */
public final class Targets {

  private Targets() {}

  public static Target of(Project project, String env) {
    String kind = project.environment(env).getValue().target();
    return switch (kind) {
      case "local" ->
          new LocalTarget(Deployer.envDir(project, env), new ArtifactStore(project.stateDir()));
      case "docker" ->
          new DockerTarget(
              env,
              Deployer.envDir(project, env),
              project.dir(),
              project.stateDir(),
              project.config());
      case "kubernetes" -> oasis.runtime.kubernetes.KubernetesTarget.of(env, project.config());
      default ->
          throw OasisException.badInput(
              "environment '" + env + "' uses target '" + kind + "', which oasis cannot drive yet",
              "Deploy to an environment with 'target: local' or 'target: docker'.");
    };
  }
}
