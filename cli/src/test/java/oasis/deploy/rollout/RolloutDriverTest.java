package oasis.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import oasis.analysis.AnalysisRun;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Measurement;
import oasis.analysis.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine with scripted analyses: no target, no picocli. */
class RolloutDriverTest {

  @TempDir Path dir;

  /** Records what the rollout did; analyses answer from a script. */
  final class Fake implements RolloutActions {
    final List<String> log = new ArrayList<>();
    final List<Outcome> script = new ArrayList<>();
    boolean promoteWorks = true;
    Runnable duringAnalysis = () -> {};
    Duration analysisTakes = Duration.ZERO;

    /** The rollout as saved at the moment of each switch. */
    final List<RolloutState> savedAtSwitch = new ArrayList<>();

    @Override
    public void setWeight(RolloutState s, int weight) {
      log.add("weight " + weight);
      savedAtSwitch.add(store().load());
    }

    @Override
    public AnalysisRun analyse(
        RolloutState s, AnalysisSpec spec, Consumer<Measurement> each, BooleanSupplier stop) {
      duringAnalysis.run();
      clock.now = clock.now.plus(analysisTakes);
      Outcome o = script.isEmpty() ? Outcome.PASS : script.remove(0);
      log.add("analysis " + o.label());
      Measurement m = new Measurement(1, Instant.now(), Instant.now(), o, List.of(), 3);
      each.accept(m);
      return new AnalysisRun(Instant.now(), Instant.now(), o, List.of(m), "analysis " + o.label());
    }

    @Override
    public boolean promote(RolloutState s) {
      log.add("promote");
      return promoteWorks;
    }

    @Override
    public void abort(RolloutState s, String reason) {
      log.add("abort");
    }
  }

  /** A clock that moves when the test (or an analysis) says so. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final MovableClock clock = new MovableClock();
  final Fake fake = new Fake();
  final List<String> lines = new ArrayList<>();

  RolloutStore store() {
    return new RolloutStore(dir);
  }

  static AnalysisSpec spec() {
    return new AnalysisSpec(List.of(), Duration.ofSeconds(5), 1, 0, 0, 20, 0.05);
  }

  RolloutState start(Step... steps) {
    return RolloutState.start(
            7,
            "1.3.0",
            "canary",
            "canary",
            List.of("order-manager"),
            List.of(steps),
            1,
            Instant.now())
        .ready(Instant.now());
  }

  RolloutDriver newDriver() {
    return new RolloutDriver(store(), fake, clock, lines::add, Duration.ofMillis(5));
  }

  RolloutState run(RolloutState s) throws InterruptedException {
    return newDriver().run(s);
  }

  /** Runs {@code s} on a thread of its own; returns the driver. */
  RolloutDriver inBackground(RolloutState s) {
    RolloutDriver d = newDriver();
    Thread t =
        new Thread(
            () -> {
              try {
                d.run(s);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.setDaemon(true);
    t.start();
    threads.add(t);
    return d;
  }

  final List<Thread> threads = new ArrayList<>();

  /** Waits (bounded) until the driver has looked at its paused rollout {@code n} more times. */
  static void awaitIdle(RolloutDriver d, int n) throws InterruptedException {
    long target = d.idleTicks.get() + n;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (d.idleTicks.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the driver did not look at its paused rollout " + n + " times");
      }
      Thread.sleep(1);
    }
  }

  void joinAll() throws InterruptedException {
    for (Thread t : threads) {
      t.join(5000);
      assertThat(t.isAlive()).as("driver finished").isFalse();
    }
  }

  static AnalysisSpec spec(
      AnalysisSpec.OnInconclusive rule, Duration maxInconclusive, Integer pausedWeight) {
    return new AnalysisSpec(
        List.of(),
        Duration.ofSeconds(1),
        15,
        0,
        0,
        20,
        0.05,
        null,
        0.05,
        rule,
        maxInconclusive,
        pausedWeight,
        0,
        false);
  }

  @Test
  void aHealthyCanaryWalksTwentyFiftyHundredAndEndsAsTheNewStable() throws Exception {
    RolloutState end =
        run(
            start(
                Step.setWeight(20),
                Step.analysis(spec()),
                Step.setWeight(50),
                Step.analysis(spec()),
                Step.setWeight(100),
                Step.analysis(spec())));
    assertThat(fake.log)
        .containsExactly(
            "weight 20",
            "analysis pass",
            "weight 50",
            "analysis pass",
            "weight 100",
            "analysis pass",
            "promote");
    assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(end.analyses())
        .hasSize(3)
        .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.PASS));
    RolloutState persisted = store().load();
    assertThat(persisted.phase()).as("persisted").isEqualTo(Phase.SUCCEEDED);
    assertThat(persisted.analyses().get(0).measurements()).hasSize(1);
  }

  @Test
  void aFailedAnalysisAbortsAtOnceAndSkipsTheRest() throws Exception {
    fake.script.add(Outcome.FAIL);
    RolloutState end = run(start(Step.setWeight(20), Step.analysis(spec()), Step.setWeight(50)));
    assertThat(fake.log).containsExactly("weight 20", "analysis fail", "weight 0", "abort");
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.trafficBackAt()).isNotNull();
    assertThat(end.failedAt()).isNotNull();
    assertThat(end.message()).contains("aborted", "analysis fail");
  }

  @Test
  void anInconclusiveAnalysisUnderPauseHoldsAtPausedWeightAndNeverPromotesUntilResumed()
      throws Exception {
    fake.script.add(Outcome.INCONCLUSIVE);
    RolloutState s =
        start(Step.setWeight(20), Step.analysis(spec(AnalysisSpec.OnInconclusive.PAUSE, null, 5)));
    RolloutDriver d = inBackground(s);
    RolloutState paused = awaitPhase(Phase.PAUSED);
    assertThat(paused.message())
        .contains("inconclusive", "held by onInconclusive: pause", "weight 5%", "rollout resume");
    assertThat(paused.hold().rule()).isEqualTo("onInconclusive: pause");
    assertThat(paused.weight()).isEqualTo(5);
    awaitIdle(d, 50);
    assertThat(fake.log).as("held 50 looks, never promoted").doesNotContain("promote");
    store().request(Control.RESUME);
    joinAll();
    assertThat(fake.log)
        .containsExactly(
            "weight 20",
            "analysis inconclusive",
            "weight 5",
            "weight 20",
            "analysis pass",
            "promote");
    assertThat(store().load().phase()).isEqualTo(Phase.SUCCEEDED);
  }

  @Test
  void aHeldRolloutIsAbortedWhenMaxInconclusiveRunsOutWithNobodyActing() throws Exception {
    fake.script.add(Outcome.INCONCLUSIVE);
    RolloutState s =
        start(
            Step.setWeight(20),
            Step.analysis(spec(AnalysisSpec.OnInconclusive.PAUSE, Duration.ofSeconds(60), 0)));
    RolloutDriver d = inBackground(s);
    RolloutState paused = awaitPhase(Phase.PAUSED);
    assertThat(paused.hold().abortAt()).isEqualTo(paused.hold().since().plusSeconds(60));
    clock.now = clock.now.plusSeconds(59);
    awaitIdle(d, 20);
    assertThat(fake.log).doesNotContain("abort");
    clock.now = clock.now.plusSeconds(2);
    joinAll();
    assertThat(fake.log)
        .containsExactly("weight 20", "analysis inconclusive", "weight 0", "weight 0", "abort");
    RolloutState end = store().load();
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.message()).contains("held by onInconclusive: pause", "maxInconclusive");
  }

  @Test
  void underAbortAnInconclusiveAnalysisRunsAgainUntilMaxInconclusiveThenAborts() throws Exception {
    fake.analysisTakes = Duration.ofSeconds(25);
    for (int i = 0; i < 10; i++) {
      fake.script.add(Outcome.INCONCLUSIVE);
    }
    RolloutState end =
        run(
            start(
                Step.setWeight(20),
                Step.analysis(spec(AnalysisSpec.OnInconclusive.ABORT, Duration.ofSeconds(60), 0))));
    // inconclusive at 25 s (the hold begins), 50 s, 75 s: held; at 100 s past 25 + 60: abort
    assertThat(fake.log)
        .containsExactly(
            "weight 20",
            "analysis inconclusive",
            "analysis inconclusive",
            "analysis inconclusive",
            "analysis inconclusive",
            "weight 0",
            "abort");
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.message())
        .contains("inconclusive for 75.0 s", "maxInconclusive 60.0 s", "onInconclusive: abort");
  }

  @Test
  void underAbortWithoutMaxInconclusiveTheFirstInconclusiveAnalysisAborts() throws Exception {
    fake.script.add(Outcome.INCONCLUSIVE);
    RolloutState end =
        run(
            start(
                Step.setWeight(20),
                Step.analysis(spec(AnalysisSpec.OnInconclusive.ABORT, null, null))));
    assertThat(fake.log).containsExactly("weight 20", "analysis inconclusive", "weight 0", "abort");
    assertThat(end.message()).contains("onInconclusive: abort");
  }

  @Test
  void aPauseUntilPromotedWaitsForPromoteAndAbortDuringAnAnalysisRollsBack() throws Exception {
    RolloutState s = start(Step.setWeight(20), Step.pause(null), Step.analysis(spec()));
    fake.duringAnalysis = () -> store().request(Control.ABORT);
    fake.script.add(Outcome.INCONCLUSIVE);
    inBackground(s);
    assertThat(awaitPhase(Phase.PAUSED).message()).contains("until promoted");
    store().request(Control.PROMOTE);
    joinAll();
    assertThat(fake.log).containsExactly("weight 20", "analysis inconclusive", "weight 0", "abort");
    assertThat(store().load().phase()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void anAbortDuringAnAnalysisSwitchesTheRoutesBeforeItWritesAnything() throws Exception {
    RolloutState s = start(Step.setWeight(100), Step.analysis(spec()));
    fake.duringAnalysis = () -> store().request(Control.ABORT);
    fake.script.add(Outcome.INCONCLUSIVE);
    RolloutState end = run(s);
    assertThat(fake.log)
        .containsExactly("weight 100", "analysis inconclusive", "weight 0", "abort");
    RolloutState atSwitch = fake.savedAtSwitch.get(1);
    assertThat(atSwitch.failedAt()).as("nothing of the abort written before the switch").isNull();
    assertThat(atSwitch.analyses().get(0).summary())
        .as("the interrupted analysis is saved with the abort, after the switch")
        .isNull();
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.trafficBackAt()).isAfterOrEqualTo(end.failedAt());
    assertThat(end.analyses().get(0).summary()).isEqualTo("interrupted");
  }

  @Test
  void promoteFullSkipsEveryStepAndAFailedPromotionAborts() throws Exception {
    store().request(Control.PROMOTE_FULL);
    fake.promoteWorks = false;
    RolloutState end = run(start(Step.setWeight(20), Step.analysis(spec())));
    assertThat(fake.log).containsExactly("promote", "weight 0", "abort");
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.message()).contains("promotion failed");
  }

  @Test
  void theJudgesVerdictsAndThePromotionAreRecordedAsTheJudges() throws Exception {
    RolloutState end = run(start(Step.setWeight(20), Step.analysis(spec())));
    assertThat(end.finishedBy()).isEqualTo(Decision.JUDGE);
    assertThat(end.decisions())
        .extracting(d -> d.action() + " by " + d.by())
        .containsExactly("pass by judge", "promoted by judge");
    assertThat(store().load().finishedBy()).as("persisted").isEqualTo(Decision.JUDGE);

    fake.script.add(Outcome.FAIL);
    assertThat(run(start(Step.setWeight(20), Step.analysis(spec()))).finishedBy())
        .as("a failed analysis is aborted by the judge")
        .isEqualTo(Decision.JUDGE);
  }

  @Test
  void aPersonsPromoteAndAbortAreRecordedWithTheirName() throws Exception {
    RolloutState s = start(Step.setWeight(20), Step.pause(null), Step.analysis(spec()));
    fake.duringAnalysis = () -> store().request(Control.ABORT);
    fake.script.add(Outcome.INCONCLUSIVE);
    inBackground(s);
    awaitPhase(Phase.PAUSED);
    store().request(Control.PROMOTE);
    joinAll();
    RolloutState end = store().load();
    String person = Decision.person();
    assertThat(end.finishedBy()).isEqualTo(person);
    assertThat(end.message()).contains("aborted by " + person);
    assertThat(end.decisions())
        .extracting(d -> d.action() + " by " + d.by())
        .containsExactly(
            // the analysis the abort interrupted has no verdict
            "promote by " + person, "abort by " + person, "aborted by " + person);
  }

  @Test
  void aCrashedDriverLeavesAStateThatTheNextOneResumesFromTheSameStep() throws Exception {
    RolloutState s = start(Step.setWeight(20), Step.setWeight(50), Step.analysis(spec()));
    // the first command ran one step, then died: its state is what it saved
    store().save(s.next(20, "weight 20%").drivenBy(424242L));
    RolloutState end = run(store().load());
    assertThat(fake.log).containsExactly("weight 50", "analysis pass", "promote");
    assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
  }

  private RolloutState awaitPhase(Phase p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      RolloutState s = store().load();
      if (s != null && s.phase() == p) {
        return s;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no phase " + p + " in 5 s: " + store().load());
  }
}
