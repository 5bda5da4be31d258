package oasis.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a target must converge to: every instance with its artifact, variables and ports, in a start
 * order that respects dependencies.
 *
 * @param environment the environment's name
 * @param version the version the instances report
 * @param commit the commit of that version
 * @param instances the instances, dependencies first
 * @param notes facts about the plan people should see (e.g. Redis in-memory mode)
 */
public record Plan(
    String environment,
    String version,
    String commit,
    List<PlannedInstance> instances,
    List<String> notes) {

  public Plan {
    instances = ordered(instances);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public Optional<PlannedInstance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** Instances of {@code next} that differ from this plan or are new: what a target restarts. */
  public List<String> changedIn(Plan next) {
    Map<String, PlannedInstance> mine =
        instances.stream().collect(Collectors.toMap(PlannedInstance::name, Function.identity()));
    return next.instances.stream()
        .filter(i -> !i.equals(mine.get(i.name())))
        .map(PlannedInstance::name)
        .toList();
  }

  /** Instances of this plan that {@code next} no longer has: what a target stops. */
  public List<String> removedIn(Plan next) {
    Set<String> names =
        next.instances.stream().map(PlannedInstance::name).collect(Collectors.toSet());
    return instances.stream().map(PlannedInstance::name).filter(n -> !names.contains(n)).toList();
  }

  /** Topological order (dependencies first), stable for independent instances. */
  static List<PlannedInstance> ordered(List<PlannedInstance> in) {
    List<PlannedInstance> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Set<String> names = in.stream().map(PlannedInstance::name).collect(Collectors.toSet());
    List<PlannedInstance> left = new ArrayList<>(in);
    while (!left.isEmpty()) {
      boolean progress = false;
      for (var it = left.iterator(); it.hasNext(); ) {
        PlannedInstance i = it.next();
        if (i.dependsOn().stream().allMatch(d -> placed.contains(d) || !names.contains(d))) {
          out.add(i);
          placed.add(i.name());
          it.remove();
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalArgumentException(
            "dependency cycle among " + left.stream().map(PlannedInstance::name).toList());
      }
    }
    return List.copyOf(out);
  }
}
