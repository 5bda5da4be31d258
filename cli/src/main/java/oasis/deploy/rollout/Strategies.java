package oasis.deploy.rollout;

import java.util.ArrayList;
import java.util.List;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Condition;
import oasis.config.AnalysisConfig;
import oasis.config.RolloutConfig;
import oasis.core.Durations;

/** Turns an environment's {@code rollout:} section into the steps of a canary or blue/green. */
public final class Strategies {

  /** The new version's track of each strategy. */
  public static String trackOf(String strategy) {
    return RolloutConfig.BLUE_GREEN.equals(strategy) ? "green" : "canary";
  }

  private Strategies() {}

  /** The steps in an environment where only paper money trades. */
  public static List<Step> steps(RolloutConfig config, String strategy) {
    return steps(config, strategy, false);
  }

  /**
   * Whether real money trades where {@code plan} runs: some service is told {@code
   * ORDER_MANAGER_MODE} other than {@code paper} (the order manager's default is paper).
   */
  public static boolean realMoney(oasis.runtime.Plan plan) {
    return plan.instances().stream()
        .map(i -> i.env().get("ORDER_MANAGER_MODE"))
        .filter(java.util.Objects::nonNull)
        .anyMatch(m -> !"paper".equalsIgnoreCase(m.strip()));
  }

  /**
   * The steps of {@code strategy}; where {@code realMoney} trades, an analysis left inconclusive
   * aborts and a held canary gets no calls unless the environment says otherwise, and analysis
   * traffic never runs.
   */
  public static List<Step> steps(RolloutConfig config, String strategy, boolean realMoney) {
    List<Step> steps = new ArrayList<>();
    if (RolloutConfig.BLUE_GREEN.equals(strategy)) {
      RolloutConfig.BlueGreen bg = config.blueGreen();
      AnalysisSpec analysis = spec(config.analysis(), realMoney);
      if (bg.analysis() && analysis.trafficRate() > 0 && !analysis.trafficSignalsOnly()) {
        // the preview gets no organic call before the switch: analysis traffic judges it first
        steps.add(Step.analysis(analysis));
      }
      if (!bg.autoPromote()) {
        steps.add(Step.pause(null));
      }
      steps.add(Step.setWeight(100));
      if (bg.analysis()) {
        steps.add(Step.analysis(analysis));
      }
      steps.add(Step.pause(Durations.parse(bg.warmWindow())));
      return steps;
    }
    for (RolloutConfig.Step s : config.canary().steps()) {
      if (s.setWeight() != null) {
        steps.add(Step.setWeight(s.setWeight()));
      } else if (s.pause() != null) {
        steps.add(
            Step.pause("untilPromoted".equals(s.pause()) ? null : Durations.parse(s.pause())));
      } else {
        steps.add(Step.analysis(spec(s.analysis().over(config.analysis()), realMoney)));
      }
    }
    return steps;
  }

  /** A validated analysis section as the analyzer takes it, where only paper money trades. */
  public static AnalysisSpec spec(AnalysisConfig a) {
    return spec(a, false);
  }

  /** A validated analysis section as the analyzer takes it. */
  public static AnalysisSpec spec(AnalysisConfig a, boolean realMoney) {
    List<Condition> conditions =
        a.conditions().stream()
            .map(
                c ->
                    new Condition(
                        c.name(),
                        Condition.Kind.of(c.metric()),
                        c.component(),
                        c.method(),
                        c.max(),
                        c.maxDelta(),
                        c.query()))
            .toList();
    return new AnalysisSpec(
        conditions,
        Durations.parse(a.interval()),
        a.count(),
        a.failureLimit(),
        a.inconclusiveLimit(),
        a.minSamples(),
        a.alpha(),
        a.budget() == null ? null : Durations.parse(a.budget()),
        a.tolerance() == null ? AnalysisSpec.DEFAULT_TOLERANCE : a.tolerance(),
        onInconclusive(a, realMoney),
        a.maxInconclusive() == null ? null : Durations.parse(a.maxInconclusive()),
        a.pausedWeight() != null ? a.pausedWeight() : realMoney ? Integer.valueOf(0) : null,
        trafficRate(a.traffic(), realMoney),
        realMoney);
  }

  private static AnalysisSpec.OnInconclusive onInconclusive(AnalysisConfig a, boolean realMoney) {
    if (a.onInconclusive() == null) {
      return realMoney ? AnalysisSpec.OnInconclusive.ABORT : AnalysisSpec.OnInconclusive.PAUSE;
    }
    return AnalysisConfig.ABORT.equals(a.onInconclusive())
        ? AnalysisSpec.OnInconclusive.ABORT
        : AnalysisSpec.OnInconclusive.PAUSE;
  }

  /**
   * Calls per second per track: on by default where only paper money trades; where real money
   * trades only with {@code analysis.traffic.enabled: true}, and then only dry-run signals (the
   * spec's {@code trafficSignalsOnly}), so no order can ever reach a real-money order manager from
   * an analysis.
   */
  static double trafficRate(AnalysisConfig.Traffic t, boolean realMoney) {
    boolean on =
        realMoney
            ? t != null && Boolean.TRUE.equals(t.enabled())
            : t == null || t.enabled() == null || t.enabled();
    if (!on) {
      return 0;
    }
    return t == null || t.rate() == null ? AnalysisConfig.Traffic.DEFAULT_RATE : t.rate();
  }
}
