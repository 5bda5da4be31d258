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

  public static List<Step> steps(RolloutConfig config, String strategy) {
    List<Step> steps = new ArrayList<>();
    if (RolloutConfig.BLUE_GREEN.equals(strategy)) {
      RolloutConfig.BlueGreen bg = config.blueGreen();
      if (!bg.autoPromote()) {
        steps.add(Step.pause(null));
      }
      steps.add(Step.setWeight(100));
      if (bg.analysis()) {
        steps.add(Step.analysis(spec(config.analysis())));
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
        steps.add(Step.analysis(spec(s.analysis().over(config.analysis()))));
      }
    }
    return steps;
  }

  /** A validated analysis section as the analyzer takes it. */
  public static AnalysisSpec spec(AnalysisConfig a) {
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
        a.alpha());
  }
}
