package oasis.workflow;

import oasis.config.Project;
import oasis.deploy.Deployer;
import oasis.deploy.ProgressiveDeployer;
import oasis.deploy.Targets;
import oasis.runtime.Target;
import oasis.runtime.Tracks;

/**
 * The deploy engines of an environment, wired the one way every workflow wires them; the commands'
 * read-only views (status, history, down, logs, the rollout report) take theirs from here too.
 */
public final class DeployEngines {

  private DeployEngines() {}

  /** The deploy engine of {@code env} (its name in oasis.yaml) on {@code target}. */
  public static Deployer deployer(Session session, String env, Target target) {
    return new Deployer(
        session.project(), env, target, session.clock(), session.progress(), session.command());
  }

  /** The deploy engine of {@code env} with canary and blue/green on top. */
  public static ProgressiveDeployer progressive(Session session, String env) {
    Project project = session.project();
    String name = project.environment(env).getKey();
    Target target = Targets.of(project, name);
    Deployer deployer = deployer(session, name, target);
    Tracks tracks = target.tracks().orElse(null);
    return new ProgressiveDeployer(
        deployer,
        project,
        name,
        target,
        tracks,
        tracks,
        session.clock(),
        session.progress(),
        session.command());
  }
}
