package oasis.analysis;

/**
 * The judge's answer for one condition of one component in one measurement, with everything that
 * led to it.
 *
 * @param condition the condition's name
 * @param component the component judged
 * @param outcome pass, fail or inconclusive
 * @param canarySamples observations of the canary track (calls, or query values)
 * @param stableSamples observations of the stable track
 * @param canaryValue the canary's value (error rate, quantile in seconds, query value); NaN if none
 * @param stableValue stable's value; NaN if none
 * @param statistic sequential: the canary's share of bad calls minus stable's; fixed-sample:
 *     Mann-Whitney U of canary against stable; NaN when not compared
 * @param pValue fixed-sample: one-sided p-value (canary greater than stable); NaN otherwise
 * @param alpha the significance level
 * @param max the ceiling of the canary's value; null for none
 * @param maxDelta how much worse than stable the canary may be
 * @param explanation one sentence saying why, with the numbers
 * @param evidence the sequential test's numbers; null for a fixed-sample (Mann-Whitney) verdict
 */
public record Verdict(
    String condition,
    String component,
    Outcome outcome,
    int canarySamples,
    int stableSamples,
    double canaryValue,
    double stableValue,
    double statistic,
    double pValue,
    double alpha,
    Double max,
    double maxDelta,
    String explanation,
    Evidence evidence) {}
