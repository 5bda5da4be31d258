package oasis.runtime.local;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;

/**
 * Where each instance of a plan binds its ports on the local target. Its peers are always wired to
 * its home ports ({@code ports.json}); an instance that keeps running keeps the ports it binds; a
 * service replaced make-before-break starts on other ports than the process it replaces (its home
 * ports when that one had moved away, else free ones), and one replaced the ordinary way goes home.
 */
final class Placement {

  /** Builds the specs of a plan from home and own ports. */
  interface Specs {
    List<LocalSpec> of(
        Plan plan, Map<String, Map<String, Integer>> home, Map<String, Map<String, Integer>> own);
  }

  private final Plan plan;
  private final Map<String, Map<String, Integer>> home;
  private final Map<String, LocalSpec> before = new HashMap<>();
  private final SupervisorState state;
  private final boolean makeBeforeBreak;

  Placement(
      Plan plan,
      Map<String, Map<String, Integer>> home,
      LocalDesired previous,
      SupervisorState state,
      boolean makeBeforeBreak) {
    this.plan = plan;
    this.home = home;
    this.state = state;
    this.makeBeforeBreak = makeBeforeBreak;
    if (previous != null && !previous.down()) {
      previous.instances().forEach(s -> before.put(s.name(), s));
    }
  }

  List<LocalSpec> specs(Specs specs) {
    Map<String, Map<String, Integer>> own = new TreeMap<>();
    Set<Integer> taken = new HashSet<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> at = serving(i.name());
      own.put(i.name(), at);
      taken.addAll(at.values());
      taken.addAll(home.get(i.name()).values());
    }
    List<LocalSpec> first = specs.of(plan, home, own);
    boolean moved = false;
    for (LocalSpec s : first) {
      SupervisorState.InstanceRecord rec = record(s.name());
      if (rec == null || rec.hash().equals(s.hash())) {
        continue; // starts for the first time, or keeps running as it is
      }
      Map<String, Integer> at = own.get(s.name());
      Map<String, Integer> mine = home.get(s.name());
      Map<String, Integer> next = mine;
      if (makeBeforeBreak && s.launch().kind() == InstanceKind.SERVICE && !mine.isEmpty()) {
        next = at.equals(mine) || !allFree(mine) ? fresh(mine, taken) : mine;
      }
      if (!next.equals(at)) {
        own.put(s.name(), next);
        moved = true;
      }
    }
    return moved ? specs.of(plan, home, own) : first;
  }

  /**
   * The ports the live process of {@code name} binds, if it runs its last definition; else home.
   */
  private Map<String, Integer> serving(String name) {
    LocalSpec last = before.get(name);
    SupervisorState.InstanceRecord rec = record(name);
    if (last != null && rec != null && rec.hash().equals(last.hash())) {
      return last.launch().ports();
    }
    return home.get(name);
  }

  private SupervisorState.InstanceRecord record(String name) {
    if (state == null) {
      return null;
    }
    SupervisorState.InstanceRecord rec = state.instances().get(name);
    return rec != null && rec.process().isAlive() ? rec : null;
  }

  private static boolean allFree(Map<String, Integer> ports) {
    return ports.values().stream().allMatch(PortAllocator::isFree);
  }

  private static Map<String, Integer> fresh(Map<String, Integer> like, Set<Integer> taken) {
    Map<String, Integer> out = new LinkedHashMap<>();
    like.keySet().forEach(n -> out.put(n, PortAllocator.free(taken)));
    return out;
  }
}
