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
 */
public record LocalDesired(
    long generation,
    long timeoutMillis,
    boolean down,
    List<LocalSpec> instances,
    List<String> notes) {

  public LocalDesired {
    instances = instances == null ? List.of() : List.copyOf(instances);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
