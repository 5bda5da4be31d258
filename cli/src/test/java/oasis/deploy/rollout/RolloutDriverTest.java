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

    @Override
    public void setWeight(RolloutState s, int weight) {
      log.add("weight " + weight);
    }

    @Override
    public AnalysisRun analyse(
        RolloutState s, AnalysisSpec spec, Consumer<Measurement> each, BooleanSupplier stop) {
      duringAnalysis.run();
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
    public Instant abort(RolloutState s, String reason) {
      log.add("abort");
      return Instant.now();
    }
  }

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

  RolloutState run(RolloutState s) throws InterruptedException {
    return new RolloutDriver(store(), fake, Clock.systemUTC(), lines::add, Duration.ofMillis(5))
        .run(s);
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
    assertThat(fake.log).containsExactly("weight 20", "analysis fail", "abort");
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.trafficBackAt()).isNotNull();
    assertThat(end.failedAt()).isNotNull();
    assertThat(end.message()).contains("aborted", "analysis fail");
  }

  @Test
  void anInconclusiveAnalysisPausesAndNeverPromotesUntilResumedAndPassing() throws Exception {
    fake.script.add(Outcome.INCONCLUSIVE);
    RolloutState s = start(Step.setWeight(20), Step.analysis(spec()));
    Thread driver =
        new Thread(
            () -> {
              try {
                run(s);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    driver.start();
    RolloutState paused = awaitPhase(Phase.PAUSED);
    assertThat(paused.message()).contains("inconclusive", "paused", "rollout resume");
    Thread.sleep(50);
    assertThat(fake.log).as("waits, does not promote").doesNotContain("promote");
    store().request(Control.RESUME);
    driver.join(5000);
    assertThat(fake.log)
        .containsExactly("weight 20", "analysis inconclusive", "analysis pass", "promote");
    assertThat(store().load().phase()).isEqualTo(Phase.SUCCEEDED);
  }

  @Test
  void aPauseUntilPromotedWaitsForPromoteAndAbortDuringAnAnalysisRollsBack() throws Exception {
    RolloutState s = start(Step.setWeight(20), Step.pause(null), Step.analysis(spec()));
    fake.duringAnalysis = () -> store().request(Control.ABORT);
    fake.script.add(Outcome.INCONCLUSIVE);
    Thread driver =
        new Thread(
            () -> {
              try {
                run(s);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    driver.start();
    assertThat(awaitPhase(Phase.PAUSED).message()).contains("until promoted");
    store().request(Control.PROMOTE);
    driver.join(5000);
    assertThat(fake.log).containsExactly("weight 20", "analysis inconclusive", "abort");
    assertThat(store().load().phase()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void promoteFullSkipsEveryStepAndAFailedPromotionAborts() throws Exception {
    store().request(Control.PROMOTE_FULL);
    fake.promoteWorks = false;
    RolloutState end = run(start(Step.setWeight(20), Step.analysis(spec())));
    assertThat(fake.log).containsExactly("promote", "abort");
    assertThat(end.phase()).isEqualTo(Phase.ABORTED);
    assertThat(end.message()).contains("promotion failed");
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
