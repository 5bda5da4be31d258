package oasis.deploy.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import oasis.analysis.AnalysisRun;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Outcome;
import oasis.core.Durations;

/**
 * The rollout state machine: walks the steps, persisting the state after every change, and obeys
 * {@code oasis rollout} requests between and during steps. A failed analysis aborts; an
 * inconclusive one does what its {@code onInconclusive} says (see {@link #inconclusive}). Returns
 * when the rollout succeeded or was aborted.
 */
public final class RolloutDriver {

  /**
   * How often a paused rollout looks for a request: a blue/green abort in its warm window waits
   * half of it on average before calls go back (looking for a missing file costs microseconds, a
   * hundred looks a second a tenth of a millisecond of CPU).
   */
  static final Duration TICK = Duration.ofMillis(10);

  private final RolloutStore store;
  private final RolloutActions actions;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Duration tick;

  /** How often it looked at a paused rollout and found nothing to do: tests wait on it. */
  final java.util.concurrent.atomic.AtomicLong idleTicks =
      new java.util.concurrent.atomic.AtomicLong();

  public RolloutDriver(
      RolloutStore store, RolloutActions actions, Clock clock, Consumer<String> progress) {
    this(store, actions, clock, progress, TICK);
  }

  RolloutDriver(
      RolloutStore store,
      RolloutActions actions,
      Clock clock,
      Consumer<String> progress,
      Duration tick) {
    this.store = store;
    this.actions = actions;
    this.clock = clock;
    this.progress = progress;
    this.tick = tick;
  }

  public RolloutState run(RolloutState state) throws InterruptedException {
    state = save(state.drivenBy(ProcessHandle.current().pid()));
    while (!state.phase().finished()) {
      RolloutStore.Request request = store.take();
      if (request != null) {
        state = obey(state, request.control(), request.who());
        continue;
      }
      if (state.phase() == Phase.PAUSED) {
        if (state.pauseUntil() != null && !clock.instant().isBefore(state.pauseUntil())) {
          state =
              state.hold() == null
                  ? save(state.resumed("pause over"))
                  : abort(
                      state,
                      "held by "
                          + state.hold().rule()
                          + " since "
                          + state.hold().since()
                          + " with no decision: maxInconclusive ran out",
                      Decision.JUDGE);
        } else {
          idleTicks.incrementAndGet();
          Thread.sleep(tick.toMillis());
        }
        continue;
      }
      Step step = state.current();
      if (step == null) {
        // the steps are done: promoted by whoever decided last (the judge, or a person)
        String by = state.lastDecider();
        state = promote(state, by == null ? "steps" : by);
        continue;
      }
      state = run(state, step);
    }
    return state;
  }

  private RolloutState run(RolloutState state, Step step) throws InterruptedException {
    switch (step.kind()) {
      case SET_WEIGHT -> {
        actions.setWeight(state, step.weight());
        say(state, "weight of the " + state.track() + " track: " + step.weight() + "%");
        return save(state.next(step.weight(), "weight " + step.weight() + "%"));
      }
      case PAUSE -> {
        Instant until = step.pause() == null ? null : clock.instant().plus(step.pause());
        String why =
            until == null
                ? "paused until promoted: 'oasis rollout promote' continues, 'abort' rolls back"
                : "paused for " + oasis.core.Durations.seconds(step.pause());
        say(state, why);
        return save(state.paused(until, why, true));
      }
      default -> {
        return analyse(state, step);
      }
    }
  }

  private RolloutState analyse(RolloutState state, Step step) throws InterruptedException {
    int index = state.step();
    say(state, "analysis: " + step.describe() + " of " + String.join(", ", state.components()));
    AnalysisRecord.Builder record = new AnalysisRecord.Builder(index);
    RolloutState[] live = {save(state.withAnalysis(record.build()))};
    AnalysisRun run =
        actions.analyse(
            live[0],
            step.analysis(),
            m -> {
              record.add(m);
              live[0] = save(live[0].withAnalysis(record.build()));
            },
            store::pending);
    state = live[0];
    if (store.pending() && run.outcome() == Outcome.INCONCLUSIVE) {
      // saved with what the request does next: an abort switches the routes before any write
      return state.withAnalysis(record.finish(null, "interrupted"));
    }
    run.measurements().stream()
        .reduce((a, b) -> b)
        .ifPresent(m -> m.verdicts().forEach(v -> say(live[0], "  " + v.explanation())));
    state = save(state.withAnalysis(record.finish(run.outcome(), run.summary())));
    say(state, run.summary());
    state = state.decided(clock.instant(), run.outcome().label(), Decision.JUDGE);
    return switch (run.outcome()) {
      case PASS -> save(state.next(state.weight(), run.summary()));
      case FAIL -> abort(state, run.summary(), Decision.JUDGE);
      default -> inconclusive(state, step.analysis(), run.summary());
    };
  }

  /**
   * What {@code onInconclusive} says: {@code abort} analyses on at the step's weight until {@code
   * maxInconclusive}, then aborts; {@code pause} holds the rollout at {@code pausedWeight} until a
   * person acts or {@code maxInconclusive} runs out (then aborts). A rollout is never left serving
   * a canary nobody decides on.
   */
  private RolloutState inconclusive(RolloutState state, AnalysisSpec spec, String summary) {
    Instant now = clock.instant();
    Instant since = state.hold() == null ? now : state.hold().since();
    Instant abortAt = spec.maxInconclusive() == null ? null : since.plus(spec.maxInconclusive());
    String rule = "onInconclusive: " + spec.onInconclusive().label();
    if (abortAt != null && !now.isBefore(abortAt)) {
      return abort(
          state,
          summary
              + "; inconclusive for "
              + Durations.seconds(Duration.between(since, now))
              + ", maxInconclusive "
              + Durations.seconds(spec.maxInconclusive())
              + " ("
              + rule
              + ")",
          Decision.JUDGE);
    }
    int stepWeight = state.hold() == null ? state.weight() : state.hold().stepWeight();
    RolloutState.Hold hold = new RolloutState.Hold(rule, since, abortAt, stepWeight);
    String until =
        abortAt == null ? "until a person acts" : "until " + abortAt + ", then it is aborted";
    if (spec.onInconclusive() == AnalysisSpec.OnInconclusive.ABORT) {
      if (abortAt == null) {
        return abort(state, summary + " (" + rule + ")", Decision.JUDGE);
      }
      RolloutState again =
          save(
              state.held(
                  hold,
                  false,
                  state.weight(),
                  summary + "; held by " + rule + ": analysing again " + until));
      say(again, "held by " + rule + ": analysing again " + until);
      return again;
    }
    int weight = spec.pausedWeight() == null ? state.weight() : spec.pausedWeight();
    if (weight != state.weight()) {
      actions.setWeight(state, weight);
    }
    say(state, "held by " + rule + " at weight " + weight + "% " + until);
    return save(
        state.held(
            hold,
            true,
            weight,
            summary
                + "; held by "
                + rule
                + " at weight "
                + weight
                + "% "
                + until
                + "; 'oasis rollout resume' analyses again at "
                + stepWeight
                + "%, 'promote' skips the analysis, 'abort' rolls back"));
  }

  private RolloutState obey(RolloutState state, Control c, String by) {
    say(state, "request: " + c.label() + " by " + by);
    state = state.decided(clock.instant(), c.label(), by);
    if (state.hold() != null && (c == Control.RESUME || c == Control.PROMOTE)) {
      if (state.weight() != state.hold().stepWeight()) {
        actions.setWeight(state, state.hold().stepWeight());
      }
      state = save(state.released("released from " + state.hold().rule() + " by " + c.label()));
      if (c == Control.RESUME) {
        return state;
      }
    }
    return switch (c) {
      case ABORT -> abort(state, "aborted by " + by + " ('oasis rollout abort')", by);
      case PROMOTE_FULL -> promote(state, by);
      case PAUSE ->
          state.phase() == Phase.PAUSED
              ? state
              : save(state.paused(null, "paused by 'oasis rollout pause'", false));
      case RESUME -> state.phase() == Phase.PAUSED ? save(state.resumed("resumed")) : state;
      case PROMOTE -> {
        Step step = state.current();
        boolean pausedAfterPauseStep =
            state.phase() == Phase.PAUSED
                && state.step() > 0
                && state.steps().get(state.step() - 1).kind() == Step.Kind.PAUSE;
        if (pausedAfterPauseStep || step == null) {
          yield save(state.resumed("promoted past the pause"));
        }
        yield save(state.skipTo(state.step() + 1, "promoted past " + step.describe()));
      }
    };
  }

  private RolloutState promote(RolloutState state, String by) {
    say(state, "promoting " + state.version() + " to stable (by " + by + ")");
    if (!actions.promote(state)) {
      return abort(
          state, "promotion failed: the stable track did not become ready", Decision.OASIS);
    }
    RolloutState done =
        save(
            state.finished(
                Phase.SUCCEEDED,
                clock.instant(),
                state.version() + " is the new stable (revision " + state.revision() + ")",
                by));
    say(done, done.message());
    return done;
  }

  /**
   * Every call goes back to stable before anything is written: each state file is fsync'd, and the
   * switch is what an abort waits for. A crash in between leaves the safe side (the routes on
   * stable; the next command settles the rollout).
   */
  private RolloutState abort(RolloutState state, String reason, String by) {
    Instant taken = clock.instant();
    actions.setWeight(state, 0);
    state = save(state.failing(taken, reason).trafficBack(clock.instant()));
    say(state, "aborting: " + reason);
    actions.abort(state, reason);
    return save(state.finished(Phase.ABORTED, clock.instant(), "aborted: " + reason, by));
  }

  private RolloutState save(RolloutState s) {
    store.save(s);
    return s;
  }

  private void say(RolloutState s, String line) {
    progress.accept("rollout " + s.revision() + ": " + line);
  }
}
