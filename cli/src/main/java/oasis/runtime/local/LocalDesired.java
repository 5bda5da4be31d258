package oasis.runtime.local;

import java.util.List;

/**
 * What the supervisor must converge to ({@code desired.json}): written by the CLI, read by the
 * supervisor; a new generation means a new plan.
 *
 * @param generation increases with every plan the CLI writes
 * @param timeoutMillis how long each instance may take to become ready
 * @param down whether to stop everything and exit
 * @param instances the processes, dependencies first
 * @param notes facts about the plan that status shows
 * @param makeBeforeBreak whether a changed service starts beside the process it replaces, which
 *     keeps serving until the new one is ready and stops after callers moved (a rollback)
 */
public record LocalDesired(
    long generation,
    long timeoutMillis,
    boolean down,
    List<LocalSpec> instances,
    List<String> notes,
    boolean makeBeforeBreak) {

  public LocalDesired {
    instances = instances == null ? List.of() : List.copyOf(instances);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A plan converged break-before-make: what changed stops, then starts again. */
  public LocalDesired(
      long generation,
      long timeoutMillis,
      boolean down,
      List<LocalSpec> instances,
      List<String> notes) {
    this(generation, timeoutMillis, down, instances, notes, false);
  }
}
