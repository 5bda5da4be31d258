package oasis.state;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where an environment keeps its ledger and lock when not in {@code .oasis/envs/<env>/}: a target
 * that implements this (kubernetes: Secrets and a Lease in the namespace) gives every machine one
 * history and one lock. Targets without it keep both on local disk.
 */
public interface EnvironmentState {

  /** The ledger of the environment. */
  LedgerStore ledgers();

  /** Takes the environment's lock for {@code command}, or fails with exit 3 naming the holder. */
  EnvironmentLock acquire(String command, Clock clock, Consumer<String> notices);

  /**
   * Who holds the environment's lock now and keeps it alive (a command on any machine), or empty:
   * what tells a revision being applied from one whose command died.
   */
  java.util.Optional<String> liveHolder(Clock clock);
}
