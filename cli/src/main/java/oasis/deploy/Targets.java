package oasis.deploy;

import oasis.artifact.ArtifactStore;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.runtime.Target;
import oasis.runtime.docker.DockerTarget;
import oasis.runtime.local.LocalTarget;
import oasis.secrets.ResolvingTarget;
import oasis.secrets.SecretResolver;
import oasis.state.EnvironmentState;

/**
 * The {@link Target} of an environment, by its {@code target} in {@code oasis.yaml}. The docker
 * target's classes (and docker-java) load only when an environment uses it.
 */
public final class Targets {

  private Targets() {}

  /**
   * The target of {@code env}, resolving secret references ({@link SecretResolver}) of each plan
   * just before it converges.
   */
  public static Target of(Project project, String env) {
    String kind = project.environment(env).getValue().target();
    return new ResolvingTarget(
        unresolved(project, env, kind), SecretResolver.of(project.dir(), System.getenv(), kind));
  }

  /** A local environment; with {@code tls:} every hop secured by certificates oasis makes. */
  private static Target local(Project project, String env) {
    oasis.config.TlsSettings tls = project.environment(env).getValue().tls();
    if (tls == null) {
      return new LocalTarget(Deployer.envDir(project, env), new ArtifactStore(project.stateDir()));
    }
    if (!tls.generated()) {
      throw OasisException.badInput(
          "environment '" + env + "' gives its certificates, which the local target cannot use yet",
          "Use 'tls: {certificates: generated}' on local environments.");
    }
    return new LocalTarget(
        Deployer.envDir(project, env),
        new ArtifactStore(project.stateDir()),
        java.time.Duration.ofDays(tls.validityDays()));
  }

  private static Target unresolved(Project project, String env, String kind) {
    return switch (kind) {
      case "local" -> local(project, env);
      case "docker" ->
          new DockerTarget(
              env, Deployer.envDir(project, env), project.config(), new PlanImages(project, env));
      case "kubernetes" ->
          oasis.runtime.kubernetes.KubernetesTarget.of(
              env, project.config(), new PushedImages(project, env));
      default ->
          throw OasisException.badInput(
              "environment '" + env + "' uses target '" + kind + "', which oasis cannot drive yet",
              "Deploy to an environment with 'target: local' or 'target: docker'.");
    };
  }

  /**
   * {@code target}'s object-by-object preview of a plan, when it has one (kubernetes); else null.
   */
  static oasis.runtime.PlanPreview preview(Target target) {
    Target inner = target instanceof ResolvingTarget r ? r.delegate() : target;
    return inner instanceof oasis.runtime.PlanPreview p ? p : null;
  }

  /**
   * Where {@code target} keeps the environment's ledger and lock, when it keeps them itself (a
   * kubernetes namespace); null for targets that leave them on local disk.
   */
  static EnvironmentState state(Target target) {
    Target inner = target instanceof ResolvingTarget r ? r.delegate() : target;
    return inner instanceof EnvironmentState s ? s : null;
  }
}
