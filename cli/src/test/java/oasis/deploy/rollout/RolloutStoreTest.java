package oasis.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutStoreTest {

  @TempDir Path dir;

  static RolloutState rollout(int revision) {
    return RolloutState.start(
        revision,
        "1." + revision + ".0",
        "canary",
        "canary",
        List.of("callee"),
        List.of(Step.setWeight(20)),
        1,
        Instant.parse("2026-12-06T10:00:00Z"));
  }

  @Test
  void earlierRolloutsAreKeptPerRevisionUpToTheHistoryLimit() {
    RolloutStore store = new RolloutStore(dir, 2);
    for (int revision = 1; revision <= 5; revision++) {
      store.save(rollout(revision));
      store.save(rollout(revision).next(20, "weight 20%")); // several saves of one rollout
    }
    assertThat(store.load().revision()).isEqualTo(5);
    assertThat(store.revisions())
        .as("the last one and the newest 2 before it")
        .containsExactly(3, 4, 5);
    assertThat(store.load(4).version()).isEqualTo("1.4.0");
    assertThat(store.load(4).weight()).as("its last state").isEqualTo(20);
    assertThat(store.load(5).revision()).isEqualTo(5);
    assertThat(store.load(2)).as("beyond the limit").isNull();
  }

  @Test
  void aRolloutJsonWrittenBeforeDecisionsWereKeptStillReadsAndIsKept() throws Exception {
    String old =
        new String(
                oasis.core.Json.bytes(
                    rollout(3).finished(Phase.SUCCEEDED, Instant.now(), "done", "judge")),
                StandardCharsets.UTF_8)
            .replaceAll(",\\s*\"decisions\"\\s*:\\s*\\[[^\\]]*\\]", "")
            .replaceAll(",\\s*\"finishedBy\"\\s*:\\s*\"[^\"]*\"", "");
    assertThat(old).doesNotContain("decisions", "finishedBy");
    Files.writeString(dir.resolve("rollout.json"), old);
    RolloutStore store = new RolloutStore(dir);
    RolloutState read = store.load();
    assertThat(read.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(read.decisions()).isEmpty();
    assertThat(read.finishedBy()).isNull();

    store.save(rollout(4));
    assertThat(store.load(3).message()).as("kept when the next rollout began").isEqualTo("done");
  }

  @Test
  void aRequestWrittenBeforeItNamedThePersonStillSaysWhoAsked() throws Exception {
    Files.writeString(
        dir.resolve("rollout-control.json"),
        "{\"control\":\"abort\",\"at\":\"2026-12-06T10:00:00Z\",\"by\":4242}");
    assertThat(new RolloutStore(dir).take().who()).isEqualTo("pid 4242");
    new RolloutStore(dir).request(Control.PROMOTE);
    assertThat(new RolloutStore(dir).take().who()).isEqualTo(Decision.person()).isNotBlank();
  }

  @Test
  void aGlanceSaysWhatTheWholeStateSaysOfPhaseDriverAndTrafficBack() {
    RolloutStore store = new RolloutStore(dir);
    assertThat(store.glance()).as("no rollout yet").isNull();
    RolloutState driven = rollout(2).drivenBy(4242L);
    store.save(driven);
    assertThat(store.glance())
        .isEqualTo(new RolloutStore.Glance(Phase.PROGRESSING, 4242L, null, driven.message()));
    Instant back = Instant.parse("2026-12-06T10:00:00.123456789Z");
    store.save(driven.trafficBack(back));
    assertThat(store.glance().trafficBackAt()).isEqualTo(back);
    assertSameAsTheWholeState(store);
    store.save(driven.trafficBack(back).finished(Phase.ABORTED, back, "aborted: asked", "me"));
    assertThat(store.glance().phase()).isEqualTo(Phase.ABORTED);
    assertSameAsTheWholeState(store);
  }

  private static void assertSameAsTheWholeState(RolloutStore store) {
    RolloutState s = store.load();
    assertThat(store.glance())
        .isEqualTo(new RolloutStore.Glance(s.phase(), s.driver(), s.trafficBackAt(), s.message()));
  }
}
