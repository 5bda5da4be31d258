package oasis.workflow;

import java.util.List;
import java.util.Map;
import oasis.artifact.BuildRecord;
import oasis.artifact.Builder;
import oasis.artifact.image.ImageBuild;
import oasis.artifact.image.ImageBuilder;
import oasis.artifact.image.ImagePrune;
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
   *     one)
   */
  public record Request(
      List<String> components, boolean skipTests, boolean images, int keepImages, String env) {}

  /**
   * @param build what was built
   * @param images component to its image (empty without images)
   * @param pruned the images removed and those kept
   * @param withImages whether images were asked for
   */
  public record Result(
      BuildRecord build,
      Map<String, ImageBuilder.Result> images,
      ImagePrune.Outcome pruned,
      boolean withImages) {

    /** The JSON document of {@code oasis build}: the record alone unless images were asked for. */
    public Object document() {
      if (!withImages) {
        return build;
      }
      return Map.of("build", build, "images", images, "pruned", pruned);
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
    BuildRecord record =
        new Builder(project.dir(), project.stateDir(), session.clock(), session.progress(), steps)
            .build(project.config(), request.components(), request.skipTests());
    if (!request.images()) {
      return new Result(record, Map.of(), new ImagePrune.Outcome(List.of(), Map.of()), false);
    }
    var docker = DockerEngine.connect();
    Map<String, ImageBuilder.Result> built =
        ImageBuild.build(
            docker,
            project,
            ImageBuild.environment(project, request.env()),
            record.artifacts(),
            PlanImages::healthcheck,
            session.progress(),
            steps);
    ImagePrune.Outcome pruned =
        ImageBuild.prune(docker, project, request.keepImages(), built, session.progress());
    return new Result(record, built, pruned, true);
  }
}
