package oasis.runtime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runtime contract of each instance kind (services/README.md): the variables and arguments an
 * instance is started with, and the names every target shares. A target supplies only where: the
 * ports it binds, the addresses its peers reach, the directory it keeps data in.
 */
public final class RuntimeContract {

  /** The track that serves when no other is weighted: the one every target and plan names so. */
  public static final String STABLE = "stable";

  /** What the embedded broker prints once it serves (services/embedded-kafka). */
  public static final String KAFKA_READY_LINE = "oasis-kafka ready";

  private RuntimeContract() {}

  /** Kafka always (oasis brings the broker), Redis where the target can run it. */
  public static Set<InstanceKind> infrastructure(boolean redis) {
    Set<InstanceKind> kinds = EnumSet.of(InstanceKind.KAFKA);
    if (redis) {
      kinds.add(InstanceKind.REDIS);
    }
    return kinds;
  }

  /**
   * The variables of {@code i} from the contract: a service's wiring to its peers ({@link
   * ServiceEnvironment#wiring}) and its own ports, component and track; the broker's ports and log
   * directory; nothing for Redis (it takes arguments).
   *
   * @param ports the ports the instance binds
   * @param wiring what every service is told about the others
   * @param dataDir where the instance keeps its data (the broker's log directory)
   */
  public static Map<String, String> environment(
      PlannedInstance i, Map<String, Integer> ports, Map<String, String> wiring, String dataDir) {
    Map<String, String> env = new TreeMap<>();
    switch (i.kind()) {
      case SERVICE -> {
        env.putAll(wiring);
        env.putAll(ServiceEnvironment.own(i, ports));
      }
      case KAFKA -> {
        env.put("KAFKA_PORT", String.valueOf(ports.get("bootstrap")));
        if (ports.containsKey("controller")) {
          env.put("KAFKA_CONTROLLER_PORT", String.valueOf(ports.get("controller")));
        }
        env.put("KAFKA_LOG_DIR", dataDir);
      }
      case REDIS -> {
        // redis-server takes arguments: see redisArguments
      }
    }
    return env;
  }

  /**
   * The arguments of {@code redis-server}: where it listens ({@code listen}, the target's), then a
   * cache that keeps nothing on disk in {@code dir}.
   */
  public static List<String> redisArguments(List<String> listen, String dir) {
    List<String> args = new ArrayList<>(listen);
    args.addAll(List.of("--save", "", "--appendonly", "no", "--dir", dir));
    return args;
  }

  /** Whether {@code track} is the stable one. */
  public static boolean stable(String track) {
    return STABLE.equals(track);
  }
}
