package oasis.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a target observes of one instance right now (from the live process, not from records).
 *
 * @param name instance name
 * @param component component or infrastructure name
 * @param kind what runs
 * @param track its track
 * @param version the version the process reports (GetInfo), else the one it was started with
 * @param artifact its artifact digest
 * @param running whether the process exists
 * @param ready whether its readiness probes pass
 * @param detail why it is not ready, or how it runs (e.g. in-memory mode)
 * @param restarts how often the supervisor restarted it
 * @param pid its process id (local target), or null
 * @param endpoints named addresses (grpc, metrics, bootstrap, redis)
 */
public record InstanceStatus(
    String name,
    String component,
    InstanceKind kind,
    String track,
    String version,
    String artifact,
    boolean running,
    boolean ready,
    String detail,
    int restarts,
    Long pid,
    Map<String, String> endpoints) {

  public InstanceStatus {
    endpoints = endpoints == null ? Map.of() : new TreeMap<>(endpoints);
  }
}
