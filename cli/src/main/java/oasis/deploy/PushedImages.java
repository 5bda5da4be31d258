package oasis.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import oasis.artifact.image.ImagePush;
import oasis.config.Project;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RegistryImages;
import oasis.runtime.docker.DockerEngine;

/**
 * An environment's {@link RegistryImages}, made by the build's image code from a plan, as {@link
 * PlanImages} is for container targets: the images are built with the environment's docker settings
 * and pushed by {@link ImagePush}, which connects to the engine only to push.
 */
public final class PushedImages implements RegistryImages {

  private final Project project;
  private final String env;

  public PushedImages(Project project, String env) {
    this.project = project;
    this.env = env;
  }

  @Override
  public Map<String, String> known(String registry, List<PlannedInstance> services) {
    return pushes(s -> {}).known(registry, PlanImages.instances(services));
  }

  @Override
  public Map<String, String> push(
      String registry, List<PlannedInstance> services, Consumer<String> progress) {
    Map<String, String> refs = new TreeMap<>();
    pushes(progress)
        .push(DockerEngine.connect(), registry, PlanImages.instances(services))
        .forEach((name, pushed) -> refs.put(name, pushed.ref()));
    return refs;
  }

  private ImagePush pushes(Consumer<String> progress) {
    return ImagePush.of(project, project.environment(env).getValue(), progress);
  }
}
