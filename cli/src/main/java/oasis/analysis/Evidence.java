package oasis.analysis;

import java.time.Instant;

/**
 * One check of one sequential test: what the judge saw and decided at {@code at}. The rollout keeps
 * one per judged condition and component per check (about every second) in {@code rollout.json},
 * under {@code analyses[].evidence}, so that consoles can draw the evidence over time.
 *
 * <p>A "bad" call is a failed call (error rate) or a call slower than {@code threshold} (latency).
 * {@code lower} and {@code upper} bound the canary's share of bad calls minus stable's, valid at
 * every check at once with probability {@code 1 - alpha}. The test fails when {@code lower >
 * failBoundary} (or the canary's own lower bound is above the condition's max), passes when {@code
 * upper <= passBoundary}, and otherwise keeps collecting.
 *
 * @param at when the counters were read
 * @param elapsedMillis since the analysis began
 * @param condition the condition's name
 * @param component the component judged
 * @param canaryCalls calls of the canary track since the analysis began
 * @param canaryBad of them bad
 * @param stableCalls calls of the stable track since the analysis began
 * @param stableBad of them bad
 * @param canaryValue the canary's share of bad calls (NaN before its first call)
 * @param stableValue stable's share of bad calls (NaN before its first call)
 * @param threshold latency: the bound (seconds) above which a call counts as bad; NaN for errors
 * @param statistic {@code canaryValue - stableValue}
 * @param lower always-valid lower bound of the difference
 * @param upper always-valid upper bound of the difference
 * @param failBoundary the difference the lower bound must exceed to fail
 * @param passBoundary the difference the upper bound must fall to or below to pass
 * @param canaryLower always-valid lower bound of the canary's own share (against {@code max})
 * @param decision {@code fail}, {@code pass} or {@code undecided}
 */
public record Evidence(
    Instant at,
    long elapsedMillis,
    String condition,
    String component,
    long canaryCalls,
    long canaryBad,
    long stableCalls,
    long stableBad,
    double canaryValue,
    double stableValue,
    double threshold,
    double statistic,
    double lower,
    double upper,
    double failBoundary,
    double passBoundary,
    double canaryLower,
    Outcome decision) {}
