package oasis.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.core.JsonFields;
import oasis.core.OasisException;
import oasis.core.ProcessIdentity;

/**
 * One operation per environment: a lock file that records its owner. Taking, recovering and
 * releasing happen under a short OS file lock on a guard file, so two commands never both win; a
 * lock whose owner died (pid gone, or reused by another process) is taken over with a message.
 */
public class EnvironmentLock implements AutoCloseable {

  private static final Object IN_PROCESS = new Object();

  private final Path file;
  private final LockOwner owner;
  private boolean held = true;

  private EnvironmentLock(Path file, LockOwner owner) {
    this.file = file;
    this.owner = owner;
  }

  /** A lock held elsewhere ({@link EnvironmentState}): its subclass overrides {@link #close}. */
  protected EnvironmentLock(LockOwner owner) {
    this(null, owner);
  }

  /** This process as a lock owner, for {@code command}. */
  public static LockOwner me(String command, Clock clock) {
    ProcessIdentity me = ProcessIdentity.current();
    return new LockOwner(me.pid(), me.startedAt(), host(), command, clock.instant());
  }

  /** The lock file of an environment directory. */
  public static Path fileOf(Path envDir) {
    return envDir.resolve("lock");
  }

  /**
   * Takes the lock of {@code envDir} for {@code command}, or fails with exit 3 naming the holder.
   * {@code notices} hears about a recovered lock of a dead owner.
   */
  public static EnvironmentLock acquire(
      Path envDir, String environment, String command, Clock clock, Consumer<String> notices) {
    ProcessIdentity me = ProcessIdentity.current();
    LockOwner owner = new LockOwner(me.pid(), me.startedAt(), host(), command, clock.instant());
    Path file = fileOf(envDir);
    withGuard(
        envDir,
        () -> {
          LockOwner holder = read(file);
          if (holder != null) {
            if (holder.pid() == me.pid() && holder.process().equals(me)) {
              throw OasisException.conflict(
                  "environment '" + environment + "' is already locked by this process",
                  "This is a bug: one command takes the lock once.");
            }
            if (alive(holder)) {
              throw OasisException.conflict(
                  "environment '" + environment + "' is busy: " + holder.describe(),
                  "Wait for it to finish, or stop that process; a lock of a dead process is"
                      + " recovered by itself.");
            }
            notices.accept(
                "recovered the lock of environment '"
                    + environment
                    + "' from a process that is gone: "
                    + holder.describe());
          }
          AtomicFiles.write(file, Json.bytes(owner));
        });
    return new EnvironmentLock(file, owner);
  }

  /** The current holder of the environment's lock, if any (dead holders included). */
  public static LockOwner holder(Path envDir) {
    return read(fileOf(envDir));
  }

  /** Whether the holder still runs: same pid and process start time, on this host. */
  public static boolean alive(LockOwner holder) {
    if (!host().equals(holder.host())) {
      return true; // cannot see processes of another host: never steal their lock
    }
    return holder.process().isAlive();
  }

  public LockOwner owner() {
    return owner;
  }

  /** Releases the lock if this process still holds it. */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    withGuard(
        file.getParent(),
        () -> {
          LockOwner holder = read(file);
          if (holder != null
              && holder.pid() == owner.pid()
              && holder.process().equals(owner.process())) {
            try {
              Files.deleteIfExists(file);
              AtomicFiles.fsyncDirectory(file.getParent());
            } catch (IOException e) {
              throw new UncheckedIOException("cannot release the lock " + file, e);
            }
          }
        });
  }

  // Field by field with the stream parser (JsonFields), as Json writes a LockOwner: an abort asks
  // who holds the lock before anything else, and the object mapper would load ten times the
  // classes.
  private static LockOwner read(Path file) {
    try {
      Map<String, String> f = JsonFields.read(file);
      if (f == null) {
        return null;
      }
      return new LockOwner(
          Long.parseLong(f.get("pid")),
          instant(f.get("processStart")),
          f.get("host"),
          f.get("command"),
          instant(f.get("started")));
    } catch (IOException | RuntimeException corrupt) {
      // A lock file is written atomically; unreadable content cannot name a live owner.
      return new LockOwner(-1, null, host(), "unreadable lock file " + file, null);
    }
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  private static void withGuard(Path envDir, Runnable action) {
    synchronized (IN_PROCESS) {
      try {
        Files.createDirectories(envDir);
        try (FileChannel ch =
                FileChannel.open(
                    envDir.resolve("lock.guard"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = ch.lock()) {
          action.run();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + envDir, e);
      }
    }
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
