package oasis.target.docker;

import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Consumer;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.deploy.ComponentVersion;
import oasis.deploy.PlanFactory;
import oasis.deploy.Release;
import oasis.target.Plan;

/**
 * {@code oasis build --images}: the image of every component and of the Kafka broker (and Redis,
 * when this machine has redis-server) for an environment's docker settings, each built only when
 * its inputs changed.
 */
public final class ImageBuild {

  private ImageBuild() {}

  /**
   * The environment whose docker settings apply: {@code name}, else the default environment when it
   * uses docker, else the first docker environment, else the default one (offline base image).
   */
  public static String environment(Project project, String name) {
    if (name != null) {
      return project.environment(name).getKey();
    }
    var all = project.config().environments();
    String def = project.config().defaultEnvironment();
    if ("docker".equals(all.get(def).target())) {
      return def;
    }
    return all.entrySet().stream()
        .filter(e -> "docker".equals(e.getValue().target()))
        .map(Entry::getKey)
        .findFirst()
        .orElse(def);
  }

  public static Map<String, ImageBuilder.Result> build(
      Project project, String envName, Release release, Consumer<String> progress) {
    EnvironmentConfig env = project.environment(envName).getValue();
    DockerTarget target =
        new DockerTarget(
            envName,
            project.stateDir().resolve("envs").resolve(envName),
            project.dir(),
            project.stateDir(),
            project.config());
    Map<String, ComponentVersion> versions = Map.of();
    Plan plan =
        PlanFactory.plan(
            project.config(),
            envName,
            env,
            release,
            versions,
            Map.of(),
            Map.of(),
            target.infrastructure());
    Images images =
        new Images(
            project.dir(),
            new oasis.build.ArtifactStore(project.stateDir()),
            env.docker(),
            project.stateDir().resolve("docker"));
    return new ImageBuilder(DockerEngine.connect(), images, progress).ensure(plan);
  }
}
