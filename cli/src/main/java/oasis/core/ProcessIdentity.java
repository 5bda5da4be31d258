package oasis.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process as pid plus start time, so that a reused pid is never mistaken for the process that was
 * recorded.
 *
 * @param pid the operating system's process id
 * @param startedAt the start time the OS reports for it (millisecond precision)
 */
public record ProcessIdentity(long pid, Instant startedAt) {

  /** The current process. */
  public static ProcessIdentity current() {
    return of(ProcessHandle.current());
  }

  public static ProcessIdentity of(ProcessHandle handle) {
    return new ProcessIdentity(
        handle.pid(), handle.info().startInstant().map(ProcessIdentity::truncate).orElse(null));
  }

  /** The live process with this identity, if it still runs (same pid and same start time). */
  public Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h -> {
              Instant start = h.info().startInstant().map(ProcessIdentity::truncate).orElse(null);
              return startedAt == null || start == null || sameStart(start, startedAt);
            });
  }

  public boolean isAlive() {
    return handle().isPresent();
  }

  private static boolean sameStart(Instant a, Instant b) {
    // Linux reports start times in clock ticks (10 ms); allow for rounding, not for pid reuse.
    return Math.abs(a.toEpochMilli() - b.toEpochMilli()) < 1000;
  }

  // Written out, not the record's own: that one is bootstrapped through invokedynamic
  // (java.lang.runtime.ObjectMethods), a few tenths of a second of a cold JVM, and every command
  // that takes an environment's lock compares its holder when it lets go (EnvironmentLock.close).
  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessIdentity p && pid == p.pid && Objects.equals(startedAt, p.startedAt);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(pid) * 31 + Objects.hashCode(startedAt);
  }

  private static Instant truncate(Instant i) {
    return Instant.ofEpochMilli(i.toEpochMilli());
  }
}
