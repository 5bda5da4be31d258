package oasis.state;

import java.time.Instant;
import oasis.core.ProcessIdentity;

/**
 * Who holds an environment's lock.
 *
 * @param pid the holder's process id
 * @param processStart the holder's process start time, so that a reused pid is not taken for it
 * @param host the machine it runs on
 * @param command the command line, e.g. {@code deploy --env staging}
 * @param started when it took the lock
 */
public record LockOwner(
    long pid, Instant processStart, String host, String command, Instant started) {

  public ProcessIdentity process() {
    return new ProcessIdentity(pid, processStart);
  }

  /** {@code pid 4242 on host1 (deploy --env staging, since 2026-11-29T17:20:00Z)}. */
  public String describe() {
    return "pid " + pid + " on " + host + " (" + command + ", since " + started + ")";
  }
}
