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
    Instant finishedAt) {

  public RolloutState {
    components = components == null ? List.of() : List.copyOf(components);
    steps = steps == null ? List.of() : List.copyOf(steps);
    analyses = analyses == null ? List.of() : List.copyOf(analyses);
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
        null);
  }

  /** The step to run next, or null when every step is done. */
  public Step current() {
    return step < steps.size() ? steps.get(step) : null;
  }

  public RolloutState ready(Instant at) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        weight,
        pauseUntil,
        "the " + track + " track is ready",
        analyses,
        driver,
        startedAt,
        at,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState next(int newWeight, String why) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step + 1,
        Phase.PROGRESSING,
        newWeight,
        null,
        why,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState paused(Instant until, String why, boolean advance) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        advance ? step + 1 : step,
        Phase.PAUSED,
        weight,
        until,
        why,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState resumed(String why) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        Phase.PROGRESSING,
        weight,
        null,
        why,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState skipTo(int index, String why) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        index,
        Phase.PROGRESSING,
        weight,
        null,
        why,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState withWeight(int newWeight) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        newWeight,
        pauseUntil,
        message,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
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
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        weight,
        pauseUntil,
        message,
        list,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState drivenBy(Long pid) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        weight,
        pauseUntil,
        message,
        analyses,
        pid,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState failing(Instant at, String why) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        weight,
        pauseUntil,
        why,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt == null ? at : failedAt,
        trafficBackAt,
        finishedAt);
  }

  public RolloutState trafficBack(Instant at) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        phase,
        0,
        pauseUntil,
        message,
        analyses,
        driver,
        startedAt,
        newTrackReadyAt,
        failedAt,
        at,
        finishedAt);
  }

  public RolloutState finished(Phase end, Instant at, String why) {
    return new RolloutState(
        revision,
        version,
        strategy,
        track,
        components,
        steps,
        step,
        end,
        end == Phase.SUCCEEDED ? 0 : weight,
        null,
        why,
        analyses,
        null,
        startedAt,
        newTrackReadyAt,
        failedAt,
        trafficBackAt,
        at);
  }
}
