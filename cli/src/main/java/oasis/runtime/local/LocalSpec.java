package oasis.runtime.local;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import oasis.runtime.InstanceLaunch;

/**
 * One process the supervisor runs: its launch under the runtime contract (the full command line),
 * and what decides a restart. Written flat into {@code desired.json}, which a running supervisor of
 * an earlier build reads too.
 *
 * @param launch the instance, its command, environment (on top of the supervisor's own) and ports
 * @param hash digest of its definition: a changed hash means restart
 * @param variablesFile the owner-only file of the plan's own variables ({@link SealedVariables}),
 *     applied over the environment; null for none
 */
public record LocalSpec(@JsonUnwrapped InstanceLaunch launch, String hash, String variablesFile) {

  /** The instance's name. */
  public String name() {
    return launch.name();
  }
}
