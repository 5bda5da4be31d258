package oasis.runtime.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;

/**
 * Chooses the ports of an environment's instances: the one used before (kept stable across
 * deploys), else the one {@code oasis.yaml} declares, else, when another program holds it, a free
 * one; never the same port twice.
 */
final class PortAllocator {

  /** The environment's port assignment: instance name to port name to port. */
  static final class Assignment extends TreeMap<String, Map<String, Integer>> {}

  private final IntPredicate free;

  PortAllocator(IntPredicate free) {
    this.free = free;
  }

  PortAllocator() {
    this(PortAllocator::isFree);
  }

  /**
   * @param previous the assignment recorded before
   * @param ours instance names whose processes run now (their ports are busy because of us)
   */
  Assignment assign(Plan plan, Assignment previous, Set<String> ours, Consumer<String> notices) {
    Assignment out = new Assignment();
    Set<Integer> taken = new HashSet<>();
    for (PlannedInstance inst : plan.instances()) {
      Map<String, Integer> before =
          previous == null ? Map.of() : previous.getOrDefault(inst.name(), Map.of());
      Map<String, Integer> mine = new LinkedHashMap<>();
      for (var e : inst.ports().entrySet()) {
        Integer prev = before.get(e.getKey());
        int declared = e.getValue();
        Integer chosen = null;
        if (prev != null
            && !taken.contains(prev)
            && (ours.contains(inst.name()) || free.test(prev))) {
          chosen = prev;
        } else if (!taken.contains(declared) && free.test(declared)) {
          chosen = declared;
        }
        if (chosen == null) {
          chosen = ephemeral(taken);
          notices.accept(
              "port "
                  + declared
                  + " ("
                  + e.getKey()
                  + " of "
                  + inst.name()
                  + ") is in use by another program; using "
                  + chosen);
        }
        taken.add(chosen);
        mine.put(e.getKey(), chosen);
      }
      out.put(inst.name(), mine);
    }
    return out;
  }

  private int ephemeral(Set<Integer> taken) {
    return free(taken, free);
  }

  /** A port the system calls free now, not in {@code taken} (which it is added to). */
  static int free(Set<Integer> taken) {
    int port = free(taken, PortAllocator::isFree);
    taken.add(port);
    return port;
  }

  private static int free(Set<Integer> taken, IntPredicate free) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(0));
        port = s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("cannot find a free port on this host", e);
      }
      if (!taken.contains(port) && free.test(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port found in 50 attempts");
  }

  /** Whether nothing listens on {@code port} (any interface). */
  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
