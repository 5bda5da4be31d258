package oasis.analysis;

import java.time.Duration;
import java.util.List;

/**
 * One analysis: the counters of both tracks are read every {@link #poll()} and every condition is
 * judged sequentially ({@link SequentialJudge}) on everything since the analysis began; it stops at
 * the first fail, once every condition passed, or after {@code budget} (inconclusive).
 *
 * @param interval how often counters are read, at most every second (see {@link #poll()})
 * @param count with {@code interval}, the default budget ({@code count × interval}); also the
 *     window count of the fixed-window judge the benchmark compares with
 * @param failureLimit fixed-window judge only: failed windows tolerated
 * @param inconclusiveLimit fixed-window judge only: inconclusive windows tolerated
 * @param minSamples custom queries (and the fixed-window judge): fewer observations are
 *     inconclusive
 * @param alpha chance of a false fail of one condition over the whole analysis
 * @param budget how long the analysis may run before it is inconclusive
 * @param tolerance how much larger the canary's share of bad calls may be and still pass
 * @param onInconclusive what an inconclusive analysis does to the rollout
 * @param maxInconclusive how long a rollout may stay inconclusive (analysing on, or held paused)
 *     before it is aborted; null for no limit (pause only)
 * @param pausedWeight the canary's weight while the rollout is held by a rule (not by a person);
 *     null keeps the step's weight
 * @param trafficRate analysis calls per second sent to each track; 0 for none
 * @param trafficSignalsOnly where real money trades: dry-run signals to the risk engine only, never
 *     an order
 */
public record AnalysisSpec(
    List<Condition> conditions,
    Duration interval,
    int count,
    int failureLimit,
    int inconclusiveLimit,
    int minSamples,
    double alpha,
    Duration budget,
    double tolerance,
    OnInconclusive onInconclusive,
    Duration maxInconclusive,
    Integer pausedWeight,
    double trafficRate,
    boolean trafficSignalsOnly) {

  /** What an inconclusive analysis does. */
  public enum OnInconclusive {
    /** Keep analysing until {@code maxInconclusive}, then abort. */
    ABORT,
    /**
     * Hold the rollout at {@code pausedWeight} until a person acts (or {@code maxInconclusive}).
     */
    PAUSE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Share of bad calls by which the canary may be worse and still pass, unless configured. */
  public static final double DEFAULT_TOLERANCE = 0.05;

  static final Duration MAX_POLL = Duration.ofSeconds(1);

  public AnalysisSpec {
    conditions = List.copyOf(conditions);
    budget = budget == null ? interval.multipliedBy(count) : budget;
    onInconclusive = onInconclusive == null ? OnInconclusive.PAUSE : onInconclusive;
  }

  /** An analysis with the defaults: budget {@code count × interval}, pause when inconclusive. */
  public AnalysisSpec(
      List<Condition> conditions,
      Duration interval,
      int count,
      int failureLimit,
      int inconclusiveLimit,
      int minSamples,
      double alpha) {
    this(
        conditions,
        interval,
        count,
        failureLimit,
        inconclusiveLimit,
        minSamples,
        alpha,
        null,
        DEFAULT_TOLERANCE,
        null,
        null,
        null,
        0,
        false);
  }

  /** How often the counters are read: {@code interval}, but at least every second. */
  public Duration poll() {
    return interval.compareTo(MAX_POLL) < 0 ? interval : MAX_POLL;
  }
}
