package oasis.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.deploy.Rollouts;
import oasis.deploy.rollout.Control;

/** {@code oasis rollout status|promote|abort|pause|resume}: watch and steer a rollout. */
public final class RolloutWorkflow {

  /**
   * @param env the environment (null: the default one)
   * @param action status, promote, abort, pause or resume
   * @param full with promote: skip every remaining step
   * @param timeout how long instances may take to become ready
   */
  public record Request(String env, String action, boolean full, Duration timeout) {}

  /**
   * @param message what the steering did (null for status)
   * @param status the rollout's status (only for status)
   */
  public record Answer(String message, Rollouts.Status status) {}

  private final Path projectDir;
  private final Supplier<Session> session;

  /**
   * @param projectDir the project, whose state a quick abort or pause reaches without oasis.yaml
   * @param session the session, made only when the quick path does not answer
   */
  public RolloutWorkflow(Path projectDir, Supplier<Session> session) {
    this.projectDir = projectDir;
    this.session = session;
  }

  public Answer run(Request request) {
    String action = request.action();
    if (action == null) {
      throw OasisException.badInput(
          "missing ACTION of 'oasis rollout'",
          "Use one of: status, promote, abort, pause, resume, report.");
    }
    Control quick =
        "abort".equals(action) ? Control.ABORT : "pause".equals(action) ? Control.PAUSE : null;
    if (quick != null && request.env() != null) {
      // Before oasis.yaml and the target: the command that drives the rollout acts at once.
      Optional<String> done = Rollouts.toDriver(envDir(projectDir, request.env()), quick);
      if (done.isPresent()) {
        return new Answer(done.get(), null);
      }
    }
    Rollouts rollouts = rollouts(request.env());
    if ("status".equals(action)) {
      return new Answer(null, rollouts.status());
    }
    Control c =
        switch (action) {
          case "promote" -> request.full() ? Control.PROMOTE_FULL : Control.PROMOTE;
          case "abort" -> Control.ABORT;
          case "pause" -> Control.PAUSE;
          case "resume" -> Control.RESUME;
          default ->
              throw OasisException.badInput(
                  "unknown rollout action '" + action + "'",
                  "Use one of: status, promote, abort, pause, resume.");
        };
    return new Answer(rollouts.request(c, request.timeout()), null);
  }

  /** The rollouts of {@code env} (null: the default environment), for a live view. */
  public Rollouts rollouts(String env) {
    return DeployEngines.progressive(session.get(), env).rollouts();
  }

  /**
   * The state directory of the environment named {@code env}, found without reading oasis.yaml
   * (whether such an environment exists is not checked: a missing directory says nothing ran).
   */
  public static Path envDir(Path projectDir, String env) {
    Path name = Path.of(env);
    if (name.getNameCount() != 1 || env.startsWith(".") || name.isAbsolute()) {
      throw OasisException.badInput(
          "'" + env + "' is not an environment name", "Use a name of oasis.yaml's environments.");
    }
    return Deployer.envDir(Project.stateDir(projectDir), env);
  }
}
