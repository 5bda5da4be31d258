package oasis.runtime;

import java.util.List;

/**
 * What runs on a target for one environment.
 *
 * @param supervised whether the target's supervisor (local) or controller is up
 * @param instances the instances it observes
 * @param notes facts people should see (in-memory mode, a dead supervisor)
 */
public record TargetStatus(boolean supervised, List<InstanceStatus> instances, List<String> notes) {

  public TargetStatus {
    instances = List.copyOf(instances);
    notes = List.copyOf(notes);
  }

  public boolean allReady() {
    return !instances.isEmpty() && instances.stream().allMatch(InstanceStatus::ready);
  }
}
