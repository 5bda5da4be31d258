package oasis.workflow;

import java.util.List;
import java.util.Map;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.artifact.image.ImageBuild;
import oasis.artifact.image.ImageBuilder;
import oasis.artifact.image.ImagePrune;
import oasis.artifact.image.ImagePush;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.core.Steps;
import oasis.deploy.PlanImages;
import oasis.runtime.docker.DockerEngine;

/** {@code oasis build}: artifacts into the store, then (asked for) images and their pruning. */
public final class BuildWorkflow {

  /**
   * @param components what to build (empty: all, and the Kafka broker)
   * @param skipTests do not run the components' unit tests
   * @param images also build one container image each
   * @param keepImages with images: keep the newest N of each component (0 keeps all)
   * @param env with images: the environment whose docker settings apply (null: the first docker
   *     one); with push: the environment whose registry the images go to
   * @param push also push the service images to the environment's {@code kubernetes.registry}
   */
  public record Request(
      List<String> components,
      boolean skipTests,
      boolean images,
      int keepImages,
      String env,
      boolean push) {}

  /**
   * @param build what was built
   * @param images component to its image (empty without images)
   * @param pruned the images removed and those kept
   * @param withImages whether images were asked for
   * @param pushed component to its image in the registry, by digest (empty without push)
   */
  public record Result(
      BuildRecord build,
      Map<String, ImageBuilder.Result> images,
      ImagePrune.Outcome pruned,
      boolean withImages,
      Map<String, ImagePush.Pushed> pushed) {

    /** The JSON document of {@code oasis build}: the record alone unless images were asked for. */
    public Object document() {
      if (!withImages) {
        return build;
      }
      if (pushed.isEmpty()) {
        return Map.of("build", build, "images", images, "pruned", pruned);
      }
      return Map.of("build", build, "images", images, "pruned", pruned, "pushed", pushed);
    }
  }

  private final Session session;
  private final Steps steps;

  /**
   * @param steps where each module's and image's steps are told (a terminal's view, else none)
   */
  public BuildWorkflow(Session session, Steps steps) {
    this.session = session;
    this.steps = steps;
  }

  public Result build(Request request) {
    if (request.keepImages() < 0) {
      throw OasisException.badInput(
          "--keep-images " + request.keepImages() + " is negative", "Give 0 (keep all) or more.");
    }
    var project = session.project();
    String pushTo = request.push() ? pushEnvironment(project, request.env()) : null;
    BuildRecord record =
        new Builder(project.dir(), project.stateDir(), session.clock(), session.progress(), steps)
            .build(project.config(), request.components(), request.skipTests());
    if (!request.images() && pushTo == null) {
      return new Result(
          record, Map.of(), new ImagePrune.Outcome(List.of(), Map.of()), false, Map.of());
    }
    var docker = DockerEngine.connect();
    String env = pushTo != null ? pushTo : ImageBuild.environment(project, request.env());
    Map<String, ImageBuilder.Result> built =
        ImageBuild.build(
            docker,
            project,
            env,
            record.artifacts(),
            PlanImages::healthcheck,
            session.progress(),
            steps);
    Map<String, ImagePush.Pushed> pushed =
        pushTo == null
            ? Map.of()
            : ImageBuild.push(
                docker,
                project,
                env,
                record.artifacts(),
                PlanImages::healthcheck,
                session.progress());
    ImagePrune.Outcome pruned =
        ImageBuild.prune(docker, project, request.keepImages(), built, session.progress());
    return new Result(record, built, pruned, true, pushed);
  }

  /**
   * The environment whose registry {@code --push} pushes to: {@code name}, else the default
   * environment when it has a registry, else the only environment that has one.
   */
  static String pushEnvironment(Project project, String name) {
    if (name != null) {
      var e = project.environment(name);
      if (e.getValue().kubernetes().registry() == null) {
        throw OasisException.badInput(
            "environment '" + e.getKey() + "' names no kubernetes.registry to push to",
            "Push for an environment with 'target: kubernetes' and a kubernetes.registry, or set"
                + " one in oasis.yaml.");
      }
      return e.getKey();
    }
    var config = project.config();
    List<String> with =
        config.environments().entrySet().stream()
            .filter(e -> e.getValue().kubernetes().registry() != null)
            .map(Map.Entry::getKey)
            .toList();
    if (with.contains(config.defaultEnvironment())) {
      return config.defaultEnvironment();
    }
    if (with.size() == 1) {
      return with.get(0);
    }
    throw OasisException.badInput(
        with.isEmpty()
            ? "no environment of oasis.yaml names a kubernetes.registry to push to"
            : "environments " + with + " each name a registry: which one to push to?",
        with.isEmpty()
            ? "Set kubernetes.registry on the kubernetes environment, e.g. registry.example.com/oasis."
            : "Say which with --env.");
  }
}
