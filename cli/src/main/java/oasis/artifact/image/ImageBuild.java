package oasis.artifact.image;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Consumer;
import oasis.artifact.Buildable;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.core.Steps;

/**
 * {@code oasis build --images}: the image of every built component and of the Kafka broker (and
 * Redis, when this machine has redis-server) for an environment's docker settings, each built only
 * when its inputs changed.
 */
public final class ImageBuild {

  /**
   * The runtime contract's health check of an instance (what {@code OASIS_PROBE} says), which the
   * caller supplies: the image code does not depend on the runtime.
   */
  @FunctionalInterface
  public interface Healthcheck {
    String probe(ImageInstance.Kind kind, Map<String, Integer> ports);
  }

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
   * The images on the engine {@code docker}, each image's Dockerfile steps told to {@code steps}.
   *
   * @param artifacts buildable name to artifact digest (what {@code oasis build} just built)
   */
  public static Map<String, ImageBuilder.Result> build(
      DockerClient docker,
      Project project,
      String envName,
      Map<String, String> artifacts,
      Healthcheck healthcheck,
      Consumer<String> progress,
      Steps steps) {
    EnvironmentConfig env = project.environment(envName).getValue();
    Images images = Images.of(project.dir(), project.stateDir(), env.docker());
    return new ImageBuilder(docker, images, progress, steps)
        .ensure(instances(project, env, artifacts, healthcheck));
  }

  /**
   * {@code oasis build --push}: the image of every built component in {@code envName}'s registry
   * ({@code kubernetes.registry}), by component; built and pushed only when never pushed before.
   */
  public static Map<String, ImagePush.Pushed> push(
      DockerClient docker,
      Project project,
      String envName,
      Map<String, String> artifacts,
      Healthcheck healthcheck,
      Consumer<String> progress) {
    EnvironmentConfig env = project.environment(envName).getValue();
    List<ImageInstance> services =
        instances(project, env, artifacts, healthcheck).stream()
            .filter(i -> i.kind() == ImageInstance.Kind.SERVICE)
            .toList();
    return ImagePush.of(project, env, progress).push(docker, env.kubernetes().registry(), services);
  }

  /**
   * An instance for each image to build: every built component and the broker (unless the
   * environment names a Kafka image), and Redis when this machine has redis-server (unless it names
   * a Redis image).
   */
  private static List<ImageInstance> instances(
      Project project,
      EnvironmentConfig env,
      Map<String, String> artifacts,
      Healthcheck healthcheck) {
    List<ImageInstance> instances = new ArrayList<>();
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
      ImageInstance.Kind kind = kafka ? ImageInstance.Kind.KAFKA : ImageInstance.Kind.SERVICE;
      instances.add(
          new ImageInstance(
              b.name(), b.name(), kind, digest, b.mainClass(), healthcheck.probe(kind, ports)));
    }
    project
        .config()
        .infrastructure()
        .forEach(
            (name, infra) -> {
              if ("redis".equals(infra.kind())
                  && env.docker().redisImage() == null
                  && Images.RedisBinary.available()) {
                ImageInstance.Kind redis = ImageInstance.Kind.REDIS;
                instances.add(
                    new ImageInstance(
                        name, name, redis, null, null, healthcheck.probe(redis, infra.ports())));
              }
            });
    return instances;
  }

  /**
   * Removes this project's old images (see {@link ImagePrune}); {@code keep} 0 keeps all.
   *
   * @param built what {@link #build} returned: kept whatever their age
   */
  public static ImagePrune.Outcome prune(
      DockerClient docker,
      Project project,
      int keep,
      Map<String, ImageBuilder.Result> built,
      Consumer<String> progress) {
    if (keep <= 0) {
      return new ImagePrune.Outcome(List.of(), Map.of());
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    built.values().forEach(r -> ids.add(r.id()));
    return ImagePrune.prune(docker, project, keep, ids, progress);
  }
}
