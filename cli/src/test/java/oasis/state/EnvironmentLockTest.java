package oasis.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.core.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLockTest {

  final List<String> notices = new ArrayList<>();

  EnvironmentLock take(Path dir, String command) {
    return EnvironmentLock.acquire(dir, "staging", command, Clock.systemUTC(), notices::add);
  }

  @Test
  void lockRecordsItsOwnerAndReleaseRemovesIt(@TempDir Path dir) {
    try (EnvironmentLock lock = take(dir, "deploy --env staging")) {
      LockOwner holder = EnvironmentLock.holder(dir);
      assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(holder.command()).isEqualTo("deploy --env staging");
      assertThat(holder.processStart()).isNotNull();
      assertThat(holder.host()).isNotBlank();
    }
    assertThat(EnvironmentLock.holder(dir)).isNull();
  }

  @Test
  void aLiveOwnerMakesTheSecondCommandAConflictNamingTheHolder(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      ProcessIdentity id = ProcessIdentity.of(other.toHandle());
      writeOwner(
          dir,
          new LockOwner(
              id.pid(),
              id.startedAt(),
              EnvironmentLock.host(),
              "deploy --env staging",
              Instant.now()));
      assertThatThrownBy(() -> take(dir, "rollback"))
          .isInstanceOf(OasisException.class)
          .hasMessageContaining("busy")
          .hasMessageContaining("pid " + id.pid())
          .hasMessageContaining("deploy --env staging")
          .satisfies(e -> assertThat(((OasisException) e).kind().exitCode()).isEqualTo(3));
    } finally {
      other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDeadOwnersLockIsRecoveredWithAMessage(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("true").start();
    ProcessIdentity id = ProcessIdentity.of(other.toHandle());
    other.waitFor(5, TimeUnit.SECONDS);
    writeOwner(
        dir,
        new LockOwner(id.pid(), id.startedAt(), EnvironmentLock.host(), "deploy", Instant.now()));
    try (EnvironmentLock lock = take(dir, "status")) {
      assertThat(notices).singleElement().asString().contains("recovered", "pid " + id.pid());
      assertThat(EnvironmentLock.holder(dir).pid()).isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void aReusedPidDoesNotKeepADeadOwnersLock(@TempDir Path dir) throws Exception {
    // our own pid, but recorded with another start time: the recorded process is gone
    ProcessIdentity me = ProcessIdentity.current();
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      long livePid = other.pid();
      writeOwner(
          dir,
          new LockOwner(
              livePid,
              me.startedAt().minusSeconds(3600),
              EnvironmentLock.host(),
              "deploy",
              Instant.now()));
      try (EnvironmentLock lock = take(dir, "deploy")) {
        assertThat(notices).singleElement().asString().contains("recovered");
      }
    } finally {
      other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnreadableLockFileIsRecovered(@TempDir Path dir) throws Exception {
    Files.writeString(EnvironmentLock.fileOf(dir), "{not json");
    try (EnvironmentLock lock = take(dir, "deploy")) {
      assertThat(notices).hasSize(1);
    }
  }

  @Test
  void releaseDoesNotRemoveALockThatIsNoLongerOurs(@TempDir Path dir) {
    EnvironmentLock lock = take(dir, "deploy");
    writeOwner(
        dir, new LockOwner(1, Instant.EPOCH, EnvironmentLock.host(), "other", Instant.now()));
    lock.close();
    assertThat(EnvironmentLock.holder(dir).command()).isEqualTo("other");
  }

  private static void writeOwner(Path dir, LockOwner owner) {
    Json.write(EnvironmentLock.fileOf(dir), owner);
  }
}
