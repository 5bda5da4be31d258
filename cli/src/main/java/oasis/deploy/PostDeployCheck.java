package oasis.deploy;

import oasis.runtime.Plan;

/**
 * A check that runs as a deploy's last step, once every instance is ready (e.g. {@code oasis deploy
 * --smoke}). A failure counts like a readiness failure: the revision fails and the environment
 * returns to the previous one.
 */
@FunctionalInterface
public interface PostDeployCheck {

  /** Null when the environment running {@code plan} passes, else why not (steps and evidence). */
  String verify(Plan plan);
}
