package oasis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The custom-query conditions of an analysis: their values sampled at every check on both tracks,
 * and judged once at the end of the budget.
 */
final class QueryConditions {

  private final MetricSource source;
  private final AnalysisSpec spec;
  private final String canaryTrack;
  private final String stableTrack;
  private final Map<String, List<Double>> values = new HashMap<>();

  QueryConditions(MetricSource source, AnalysisSpec spec, String canaryTrack, String stableTrack) {
    this.source = source;
    this.spec = spec;
    this.canaryTrack = canaryTrack;
    this.stableTrack = stableTrack;
  }

  /** Reads every custom query of both tracks once, keeping what answered. */
  void sample(List<String> components) {
    if (!source.supportsQueries()) {
      return;
    }
    for (Condition c : spec.conditions()) {
      if (c.kind() != Condition.Kind.QUERY) {
        continue;
      }
      for (String comp : Analyzer.applicable(c, components)) {
        for (String track : List.of(canaryTrack, stableTrack)) {
          OptionalDouble v = source.query(comp, track, c.query());
          if (v.isPresent()) {
            values
                .computeIfAbsent(key(c, comp, track), k -> new ArrayList<>())
                .add(v.getAsDouble());
          }
        }
      }
    }
  }

  /**
   * A custom query has values, not counts: it is judged once, at the end of the budget, by the
   * fixed-sample {@link Judge} on every value sampled; until then it is undecided.
   */
  Verdict verdict(Condition c, String comp, boolean last) {
    if (!source.supportsQueries()) {
      return new Verdict(
          c.name(),
          comp,
          Outcome.INCONCLUSIVE,
          0,
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          spec.alpha(),
          c.max(),
          c.maxDelta(),
          c.name()
              + " of "
              + comp
              + ": inconclusive: a custom query needs a Prometheus server (set analysis"
              + " prometheus url in oasis.yaml); metrics are read from "
              + source.describe(),
          null);
    }
    double[] canary = toArray(values.get(key(c, comp, canaryTrack)));
    double[] stable = toArray(values.get(key(c, comp, stableTrack)));
    if (!last) {
      return new Verdict(
          c.name(),
          comp,
          Outcome.UNDECIDED,
          canary.length,
          stable.length,
          median(canary),
          median(stable),
          Double.NaN,
          Double.NaN,
          spec.alpha(),
          c.max(),
          c.maxDelta(),
          c.name()
              + " of "
              + comp
              + ": undecided: a custom query is judged at the end of the"
              + " budget ("
              + canary.length
              + " canary value(s) so far)",
          null);
    }
    return new Judge(spec.minSamples(), spec.alpha())
        .judge(c, comp, canary, stable, median(canary), median(stable));
  }

  private static String key(Condition c, String comp, String track) {
    return c.name() + "/" + comp + "/" + track;
  }

  private static double[] toArray(List<Double> list) {
    return list == null ? new double[0] : list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
