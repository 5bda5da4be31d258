package oasis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

  static final Instant T = Instant.parse("2026-11-29T12:00:00Z");

  static Revision draft(String version, String digest) {
    return new Revision(
        0,
        version,
        "c0ffee" + version,
        "all-at-once",
        RevisionState.PENDING,
        T,
        null,
        Map.of("order-manager", digest),
        Map.of(),
        Map.of("kafka", "sha256:k"),
        Map.of(),
        42L,
        null);
  }

  static Ledger deployed(Ledger l, String version, String digest, boolean healthy) {
    l = l.begin(draft(version, digest));
    int n = l.nextRevision() - 1;
    return healthy ? l.succeed(n, T, false) : l.fail(n, T, "not ready");
  }

  @Test
  void aSuccessfulDeploySupersedesTheCurrentRevision() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true);
    l = deployed(l, "1.1.0", "sha256:b", true);
    assertThat(l.current()).isEqualTo(2);
    assertThat(l.get(1).orElseThrow().state()).isEqualTo(RevisionState.SUPERSEDED);
    assertThat(l.get(2).orElseThrow().state()).isEqualTo(RevisionState.HEALTHY);
  }

  @Test
  void aFailedDeployKeepsTheCurrentRevision() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true);
    l = deployed(l, "1.1.0", "sha256:b", false);
    assertThat(l.current()).isEqualTo(1);
    assertThat(l.get(2).orElseThrow().state()).isEqualTo(RevisionState.FAILED);
    assertThat(l.get(2).orElseThrow().reason()).isEqualTo("not ready");
  }

  @Test
  void rollbackTargetIsTheLastHealthyRevisionBeforeTheCurrentNotCurrentMinusOne() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true); // 1
    l = deployed(l, "1.1.0", "sha256:b", true); // 2
    l = deployed(l, "1.2.0", "sha256:c", false); // 3 failed
    l = deployed(l, "1.3.0", "sha256:d", true); // 4 current
    assertThat(l.rollbackTarget().orElseThrow().revision()).isEqualTo(2);
    // roll back to 2 (as revision 5): revision 4 is rolled back, and the next rollback goes to 1
    l = l.begin(draft("1.1.0", "sha256:b"));
    l = l.succeed(5, T, true);
    assertThat(l.get(4).orElseThrow().state()).isEqualTo(RevisionState.ROLLED_BACK);
    assertThat(l.rollbackTarget().orElseThrow().revision())
        .as("revision 2 runs the same artifacts as 5; 3 failed, 4 was rolled back")
        .isEqualTo(1);
  }

  @Test
  void noRollbackTargetWithOnlyOneHealthyRevision() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true);
    assertThat(l.rollbackTarget()).isEmpty();
  }

  @Test
  void inFlightIsTheProgressingRevision() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true);
    l = l.begin(draft("1.1.0", "sha256:b"));
    assertThat(l.inFlight().orElseThrow().revision()).isEqualTo(2);
    assertThat(l.inFlight().orElseThrow().state()).isEqualTo(RevisionState.PROGRESSING);
    assertThat(l.current()).isEqualTo(1);
  }

  @Test
  void pruningKeepsTheLimitButNeverTheCurrentOrTheLastHealthy() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true); // 1 healthy
    for (int i = 0; i < 8; i++) {
      l = deployed(l, "2.0." + i, "sha256:x" + i, false); // 2..9 failed
    }
    l = l.prune(3);
    assertThat(l.revisions()).hasSize(3);
    assertThat(l.get(1)).as("current and last healthy").isPresent();
    assertThat(l.revisions().stream().map(Revision::revision)).containsExactly(1, 8, 9);
    assertThat(l.nextRevision()).as("numbers are never reused").isEqualTo(10);
  }

  @Test
  void pruningKeepsTheRollbackTargetToo() {
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true); // 1
    l = deployed(l, "1.1.0", "sha256:b", true); // 2 current, 1 is the rollback target
    for (int i = 0; i < 5; i++) {
      l = deployed(l, "2.0." + i, "sha256:x" + i, false);
    }
    l = l.prune(2);
    assertThat(l.revisions().stream().map(Revision::revision)).containsExactly(1, 2);
  }

  @Test
  void storeRoundTripsAtomicallyAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
    LedgerStore store = new LedgerStore(dir, "staging");
    assertThat(store.load().revisions()).isEmpty();
    Ledger l = deployed(Ledger.empty("staging"), "1.0.0", "sha256:a", true);
    store.save(l);
    store.save(deployed(l, "1.1.0", "sha256:b", false));
    Ledger back = store.load();
    assertThat(back.current()).isEqualTo(1);
    assertThat(back.revisions()).hasSize(2);
    assertThat(back.get(2).orElseThrow().startedAt()).isEqualTo(T);
    assertThat(Files.readString(store.file())).contains("\"state\" : \"failed\"");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ledger.json");
    }
  }
}
