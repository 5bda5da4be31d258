package oasis.deploy.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout as {@code .oasis/envs/<env>/rollout.json} keeps it, written atomically after every
 * change so that a crashed {@code oasis} process leaves a rollout the next command can resume or
 * abort. Immutable: every change returns a new state.
 *
 * @param revision the ledger revision being rolled out
 * @param version its version
 * @param strategy {@code canary} or {@code blue-green}
 * @param track the new version's track ({@code canary}, or {@code green} for blue/green)
 * @param components the components that run on the new track
 * @param steps the steps
 * @param step index of the step to run next (or being run)
 * @param phase where it is
 * @param weight the new track's share of calls now, in percent
 * @param pauseUntil end of a timed pause; null while paused until promoted
 * @param message why it is paused or how it ended
 * @param analyses the analyses run so far
 * @param driver pid of the command that drives it (null when none)
 * @param startedAt when the deploy began
 * @param newTrackReadyAt when the new track's instances were ready
 * @param failedAt when an analysis failed, or an abort was asked
 * @param trafficBackAt when the routes sent every call back to stable after an abort
 * @param finishedAt when it succeeded or was aborted
 * @param hold the rule that holds it (an inconclusive analysis), while one does; null otherwise
 * @param decisions who decided what, in order (empty in files written before they were kept)
 * @param finishedBy who promoted or aborted it: {@code user@host}, {@code judge} or {@code oasis}
 *     (null while it runs, and in files written before it was kept)
 */
public record RolloutState(
    int revision,
    String version,
    String strategy,
    String track,
    List<String> components,
    List<Step> steps,
    int step,
    Phase phase,
    int weight,
    Instant pauseUntil,
    String message,
    List<AnalysisRecord> analyses,
    Long driver,
    Instant startedAt,
    Instant newTrackReadyAt,
    Instant failedAt,
    Instant trafficBackAt,
    Instant finishedAt,
    Hold hold,
    List<Decision> decisions,
    String finishedBy) {

  /**
   * A rule holding the rollout rather than a person: an analysis that stayed inconclusive.
   *
   * @param rule e.g. {@code onInconclusive: pause}
   * @param since when the rollout became inconclusive
   * @param abortAt when it is aborted unless decided or resumed first; null for never
   * @param stepWeight the weight the step had, given back when it is resumed
   */
  public record Hold(String rule, Instant since, Instant abortAt, int stepWeight) {}

  public RolloutState {
    components = components == null ? List.of() : List.copyOf(components);
    steps = steps == null ? List.of() : List.copyOf(steps);
    analyses = analyses == null ? List.of() : List.copyOf(analyses);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }

  public static RolloutState start(
      int revision,
      String version,
      String strategy,
      String track,
      List<String> components,
      List<Step> steps,
      long driver,
      Instant now) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        0,
        Phase.PROGRESSING,
        0,
        null,
        "starting the " + track + " track",
        List.of(),
        driver,
        now,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null);
  }

  /** The step to run next, or null when every step is done. */
  public Step current() {
    return step < steps.size() ? steps.get(step) : null;
  }

  public RolloutState ready(Instant at) {
    return edit(
        b -> {
          b.message = "the " + track + " track is ready";
          b.newTrackReadyAt = at;
        });
  }

  public RolloutState next(int newWeight, String why) {
    return edit(
        b -> {
          b.step = step + 1;
          b.phase = Phase.PROGRESSING;
          b.weight = newWeight;
          b.pauseUntil = null;
          b.message = why;
          b.hold = null;
        });
  }

  public RolloutState paused(Instant until, String why, boolean advance) {
    return edit(
        b -> {
          b.step = advance ? step + 1 : step;
          b.phase = Phase.PAUSED;
          b.pauseUntil = until;
          b.message = why;
        });
  }

  public RolloutState resumed(String why) {
    return skipTo(step, why);
  }

  public RolloutState skipTo(int index, String why) {
    return edit(
        b -> {
          b.step = index;
          b.phase = Phase.PROGRESSING;
          b.pauseUntil = null;
          b.message = why;
          b.hold = null;
        });
  }

  /** Adds or replaces (same step, still running) the last analysis record. */
  public RolloutState withAnalysis(AnalysisRecord record) {
    List<AnalysisRecord> list = new ArrayList<>(analyses);
    if (!list.isEmpty()
        && list.get(list.size() - 1).step() == record.step()
        && list.get(list.size() - 1).outcome() == null) {
      list.set(list.size() - 1, record);
    } else {
      list.add(record);
    }
    return edit(b -> b.analyses = list);
  }

  /**
   * Held by a rule at {@code weight}: paused ({@code paused}) or analysing on, until {@code
   * hold.abortAt()}.
   */
  public RolloutState held(Hold h, boolean paused, int weight, String why) {
    return edit(
        b -> {
          b.phase = paused ? Phase.PAUSED : Phase.PROGRESSING;
          b.pauseUntil = paused ? h.abortAt() : null;
          b.weight = weight;
          b.message = why;
          b.hold = h;
        });
  }

  /** Back at the step's weight, no longer held. */
  public RolloutState released(String why) {
    return edit(
        b -> {
          b.phase = Phase.PROGRESSING;
          b.pauseUntil = null;
          b.weight = hold == null ? weight : hold.stepWeight();
          b.message = why;
          b.hold = null;
        });
  }

  public RolloutState drivenBy(Long pid) {
    return edit(b -> b.driver = pid);
  }

  public RolloutState failing(Instant at, String why) {
    return edit(
        b -> {
          b.message = why;
          b.failedAt = failedAt == null ? at : failedAt;
        });
  }

  public RolloutState trafficBack(Instant at) {
    return edit(
        b -> {
          b.weight = 0;
          b.trafficBackAt = at;
        });
  }

  /** {@code action} taken by {@code by} at the current step. */
  public RolloutState decided(Instant at, String action, String by) {
    List<Decision> list = new ArrayList<>(decisions);
    list.add(new Decision(at, action, by, step));
    return edit(b -> b.decisions = list);
  }

  /** Whoever took the last decision (a person or the judge), or null when nobody took one. */
  public String lastDecider() {
    return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).by();
  }

  /** Succeeded or aborted, by {@code by} ({@code user@host}, {@code judge}, {@code oasis}). */
  public RolloutState finished(Phase end, Instant at, String why, String by) {
    RolloutState decided = decided(at, end == Phase.SUCCEEDED ? "promoted" : "aborted", by);
    return decided.edit(
        b -> {
          b.finishedBy = by;
          b.phase = end;
          b.weight = end == Phase.SUCCEEDED ? 0 : weight;
          b.pauseUntil = null;
          b.message = why;
          b.driver = null;
          b.finishedAt = at;
          b.hold = null;
        });
  }

  private RolloutState edit(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** The mutable copy a change works on. */
  private static final class Copy {
    private final RolloutState s;
    int step;
    Phase phase;
    int weight;
    Instant pauseUntil;
    String message;
    List<AnalysisRecord> analyses;
    Long driver;
    Instant newTrackReadyAt;
    Instant failedAt;
    Instant trafficBackAt;
    Instant finishedAt;
    Hold hold;
    List<Decision> decisions;
    String finishedBy;

    Copy(RolloutState s) {
      this.s = s;
      step = s.step;
      phase = s.phase;
      weight = s.weight;
      pauseUntil = s.pauseUntil;
      message = s.message;
      analyses = s.analyses;
      driver = s.driver;
      newTrackReadyAt = s.newTrackReadyAt;
      failedAt = s.failedAt;
      trafficBackAt = s.trafficBackAt;
      finishedAt = s.finishedAt;
      hold = s.hold;
      decisions = s.decisions;
      finishedBy = s.finishedBy;
    }

    RolloutState build() {
      return new RolloutState(
          s.revision,
          s.version,
          s.strategy,
          s.track,
          s.components,
          s.steps,
          step,
          phase,
          weight,
          pauseUntil,
          message,
          analyses,
          driver,
          s.startedAt,
          newTrackReadyAt,
          failedAt,
          trafficBackAt,
          finishedAt,
          hold,
          decisions,
          finishedBy);
    }
  }
}
