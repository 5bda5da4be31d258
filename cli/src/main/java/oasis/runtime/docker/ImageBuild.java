package oasis.runtime.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Consumer;
import oasis.artifact.Buildable;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;

/**
 * {@code oasis build --images}: the image of every built component and of the Kafka broker (and
 * Redis, when this machine has redis-server) for an environment's docker settings, each built only
 * when its inputs changed.
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

  /**
   * @param artifacts buildable name to artifact digest (what {@code oasis build} just built)
   */
  public static Map<String, ImageBuilder.Result> build(
      Project project, String envName, Map<String, String> artifacts, Consumer<String> progress) {
    return build(project, envName, artifacts, progress, oasis.core.Steps.NONE);
  }

  /** The same, each image's Dockerfile steps told to {@code steps}. */
  public static Map<String, ImageBuilder.Result> build(
      Project project,
      String envName,
      Map<String, String> artifacts,
      Consumer<String> progress,
      oasis.core.Steps steps) {
    EnvironmentConfig env = project.environment(envName).getValue();
    Images images = Images.of(project.dir(), project.stateDir(), env.docker());
    Plan plan = new Plan(envName, null, null, instances(project, env, artifacts), List.of());
    return new ImageBuilder(DockerEngine.connect(), images, progress, steps).ensure(plan);
  }

  /**
   * An instance for each image to build: every built component and the broker (unless the
   * environment names a Kafka image), and Redis when this machine has redis-server (unless it names
   * a Redis image).
   */
  private static List<PlannedInstance> instances(
      Project project, EnvironmentConfig env, Map<String, String> artifacts) {
    List<PlannedInstance> instances = new ArrayList<>();
    for (Buildable b : Buildable.all(project.config())) {
      String digest = artifacts.get(b.name());
      boolean kafka = project.config().infrastructure().containsKey(b.name());
      if (digest == null || kafka && env.docker().kafkaImage() != null) {
        continue;
      }
      Map<String, Integer> ports =
          kafka
              ? project.config().infrastructure().get(b.name()).ports()
              : project.config().components().get(b.name()).ports();
      instances.add(
          stable(
              b.name(),
              kafka ? InstanceKind.KAFKA : InstanceKind.SERVICE,
              digest,
              b.mainClass(),
              ports));
    }
    project
        .config()
        .infrastructure()
        .forEach(
            (name, infra) -> {
              if ("redis".equals(infra.kind())
                  && env.docker().redisImage() == null
                  && Images.RedisBinary.available()) {
                instances.add(stable(name, InstanceKind.REDIS, null, null, infra.ports()));
              }
            });
    return instances;
  }

  private static PlannedInstance stable(
      String name,
      InstanceKind kind,
      String artifact,
      String mainClass,
      Map<String, Integer> ports) {
    return new PlannedInstance(
        name, name, kind, RuntimeContract.STABLE, artifact, mainClass, Map.of(), ports, List.of());
  }

  /**
   * Removes this project's old images (see {@link ImagePrune}); {@code keep} 0 keeps all.
   *
   * @param built what {@link #build} returned: kept whatever their age
   */
  public static ImagePrune.Outcome prune(
      Project project,
      int keep,
      Map<String, ImageBuilder.Result> built,
      Consumer<String> progress) {
    if (keep <= 0) {
      return new ImagePrune.Outcome(List.of(), Map.of());
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    built.values().forEach(r -> ids.add(r.id()));
    return ImagePrune.prune(DockerEngine.connect(), project, keep, ids, progress);
  }
}
