package oasis.deploy;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import oasis.artifact.image.ImageBuilder;
import oasis.artifact.image.ImageInstance;
import oasis.artifact.image.Images;
import oasis.config.Project;
import oasis.runtime.ContainerImages;
import oasis.runtime.InstanceProbes;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.docker.DockerEngine;

/**
 * An environment's {@link ContainerImages}, made by the build's image code ({@link Images}, {@link
 * ImageBuilder}) from a plan: the one place that joins the runtime's plan to the build's images, so
 * neither side imports the other. It connects to the engine only when an image must be there.
 */
public final class PlanImages implements ContainerImages {

  private final Images images;
  private DockerClient docker;

  public PlanImages(Project project, String env) {
    this.images =
        Images.of(project.dir(), project.stateDir(), project.environment(env).getValue().docker());
  }

  @Override
  public Map<String, String> refs(Plan plan) {
    return images.refs(instances(plan));
  }

  @Override
  public Map<String, String> ensure(Plan plan, Consumer<String> progress) {
    Map<String, String> refs = new TreeMap<>();
    new ImageBuilder(docker(), images, progress)
        .ensure(instances(plan))
        .forEach((instance, image) -> refs.put(instance, image.ref()));
    return refs;
  }

  @Override
  public boolean redisAvailable() {
    return images.redisAvailable();
  }

  private synchronized DockerClient docker() {
    if (docker == null) {
      docker = DockerEngine.connect();
    }
    return docker;
  }

  /** The image of each planned instance, with the runtime contract's health check. */
  public static List<ImageInstance> instances(Plan plan) {
    return instances(plan.instances());
  }

  /** The image of each of {@code instances}, with the runtime contract's health check. */
  public static List<ImageInstance> instances(List<PlannedInstance> instances) {
    return instances.stream().map(PlanImages::instance).toList();
  }

  /** The runtime contract's health check, in the image code's terms. */
  public static String healthcheck(ImageInstance.Kind kind, Map<String, Integer> ports) {
    return InstanceProbes.healthcheck(oasis.runtime.InstanceKind.valueOf(kind.name()), ports);
  }

  private static ImageInstance instance(PlannedInstance i) {
    return new ImageInstance(
        i.name(),
        i.component(),
        ImageInstance.Kind.valueOf(i.kind().name()),
        i.artifact(),
        i.mainClass(),
        InstanceProbes.healthcheck(i.kind(), i.ports()));
  }
}
