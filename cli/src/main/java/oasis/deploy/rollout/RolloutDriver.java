package oasis.deploy.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import oasis.analysis.AnalysisRun;
import oasis.analysis.Outcome;

/**
 * The rollout state machine: walks the steps, persisting the state after every change, and obeys
 * {@code oasis rollout} requests between and during steps. A failed analysis aborts; an
 * inconclusive one pauses (resume runs it again, promote skips it). Returns when the rollout
 * succeeded or was aborted.
 */
public final class RolloutDriver {

  static final Duration TICK = Duration.ofMillis(200);

  private final RolloutStore store;
  private final RolloutActions actions;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Duration tick;

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
        state = obey(state, request.control());
        continue;
      }
      if (state.phase() == Phase.PAUSED) {
        if (state.pauseUntil() != null && !clock.instant().isBefore(state.pauseUntil())) {
          state = save(state.resumed("pause over"));
        } else {
          Thread.sleep(tick.toMillis());
        }
        continue;
      }
      Step step = state.current();
      if (step == null) {
        state = promote(state);
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
    RolloutState[] live = {save(state.withAnalysis(new AnalysisRecord(index, null, null, null)))};
    java.util.List<oasis.analysis.Measurement> taken = new java.util.ArrayList<>();
    AnalysisRun run =
        actions.analyse(
            live[0],
            step.analysis(),
            m -> {
              taken.add(m);
              m.verdicts().forEach(v -> say(live[0], "  " + v.explanation()));
              live[0] = save(live[0].withAnalysis(new AnalysisRecord(index, null, null, taken)));
            },
            store::pending);
    state = live[0];
    boolean interrupted =
        store.pending()
            && run.measurements().size() < step.analysis().count()
            && run.outcome() != Outcome.FAIL;
    if (interrupted) {
      return save(state.withAnalysis(new AnalysisRecord(index, null, "interrupted", taken)));
    }
    state =
        save(state.withAnalysis(new AnalysisRecord(index, run.outcome(), run.summary(), taken)));
    say(state, run.summary());
    return switch (run.outcome()) {
      case PASS -> save(state.next(state.weight(), run.summary()));
      case FAIL -> abort(state, run.summary());
      case INCONCLUSIVE ->
          save(
              state.paused(
                  null,
                  run.summary()
                      + ": paused; 'oasis rollout resume' analyses again, 'promote' skips the"
                      + " analysis, 'abort' rolls back",
                  false));
    };
  }

  private RolloutState obey(RolloutState state, Control c) {
    say(state, "request: " + c.label());
    return switch (c) {
      case ABORT -> abort(state, "aborted by 'oasis rollout abort'");
      case PROMOTE_FULL -> promote(state);
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

  private RolloutState promote(RolloutState state) {
    say(state, "promoting " + state.version() + " to stable");
    if (!actions.promote(state)) {
      return abort(state, "promotion failed: the stable track did not become ready");
    }
    RolloutState done =
        save(
            state.finished(
                Phase.SUCCEEDED,
                clock.instant(),
                state.version() + " is the new stable (revision " + state.revision() + ")"));
    say(done, done.message());
    return done;
  }

  private RolloutState abort(RolloutState state, String reason) {
    state = save(state.failing(clock.instant(), reason));
    say(state, "aborting: " + reason);
    Instant back = actions.abort(state, reason);
    state = save(state.trafficBack(back));
    return save(state.finished(Phase.ABORTED, clock.instant(), "aborted: " + reason));
  }

  private RolloutState save(RolloutState s) {
    store.save(s);
    return s;
  }

  private void say(RolloutState s, String line) {
    progress.accept("rollout " + s.revision() + ": " + line);
  }
}
