package oasis.runtime.local;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import oasis.core.ProcessIdentity;

/**
 * What the supervisor runs ({@code state.json}), written only by the supervisor.
 *
 * @param supervisor the supervisor process
 * @param generation the desired generation it last worked on
 * @param phase {@code converging}, {@code ready}, {@code failed} or {@code stopped}
 * @param failedInstance the instance that did not become ready, when failed
 * @param reason why
 * @param instances instance name to record
 * @param updatedAt when it was written
 */
public record SupervisorState(
    ProcessIdentity supervisor,
    long generation,
    String phase,
    String failedInstance,
    String reason,
    Map<String, InstanceRecord> instances,
    Instant updatedAt) {

  public SupervisorState {
    instances = instances == null ? Map.of() : new TreeMap<>(instances);
  }

  /**
   * One running process.
   *
   * @param process pid and start time
   * @param hash the spec hash it was started from
   * @param ready whether it passed readiness (since its last start)
   * @param readyMillis how long it took to become ready
   * @param restarts how often it was restarted after a liveness failure
   * @param logOffset the log file's size when it started (where its ready line follows)
   * @param grpcPort the gRPC port it serves on, or null (routes name the one that serves)
   */
  public record InstanceRecord(
      ProcessIdentity process,
      String hash,
      boolean ready,
      long readyMillis,
      int restarts,
      long logOffset,
      Integer grpcPort) {

    public InstanceRecord(
        ProcessIdentity process,
        String hash,
        boolean ready,
        long readyMillis,
        int restarts,
        long logOffset) {
      this(process, hash, ready, readyMillis, restarts, logOffset, null);
    }
  }

  /**
   * The name under which a process that a make-before-break replacement retires is recorded until
   * it stopped: {@code <instance>~<pid>}.
   */
  static String retiring(String instance, long pid) {
    return instance + RETIRING + pid;
  }

  /** The instance a record name belongs to (a retiring one's too). */
  static String instanceOf(String recordName) {
    int i = recordName.indexOf(RETIRING);
    return i < 0 ? recordName : recordName.substring(0, i);
  }

  static boolean isRetiring(String recordName) {
    return recordName.contains(RETIRING);
  }

  private static final String RETIRING = "~";
}
