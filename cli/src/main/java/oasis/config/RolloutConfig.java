package oasis.config;

import java.util.List;

/**
 * How {@code oasis deploy} rolls a new version out on one environment ({@code rollout:} of an
 * environment in {@code oasis.yaml}).
 *
 * @param strategy the default of {@code deploy --strategy}: {@code all-at-once}, {@code canary} or
 *     {@code blue-green}
 * @param canary the canary's steps
 * @param blueGreen the blue/green switch
 * @param analysis what analyses measure, and their defaults
 */
public record RolloutConfig(
    String strategy, Canary canary, BlueGreen blueGreen, AnalysisConfig analysis) {

  public static final String ALL_AT_ONCE = "all-at-once";
  public static final String CANARY = "canary";
  public static final String BLUE_GREEN = "blue-green";
  public static final List<String> STRATEGIES = List.of(ALL_AT_ONCE, CANARY, BLUE_GREEN);

  public RolloutConfig {
    strategy = strategy == null ? ALL_AT_ONCE : strategy;
    canary = canary == null ? Canary.defaults() : canary;
    blueGreen = blueGreen == null ? new BlueGreen(null, null, null) : blueGreen;
    analysis =
        analysis == null ? AnalysisConfig.defaults() : analysis.over(AnalysisConfig.defaults());
  }

  public static RolloutConfig defaults() {
    return new RolloutConfig(null, null, null, null);
  }

  /** The canary's steps, in order. */
  public record Canary(List<Step> steps) {
    public Canary {
      steps = steps == null ? defaults().steps() : List.copyOf(steps);
    }

    /** 20% → analysis → 50% → analysis → 100% → analysis. */
    public static Canary defaults() {
      AnalysisConfig inherit = AnalysisConfig.inherit();
      return new Canary(
          List.of(
              new Step(20, null, null),
              new Step(null, null, inherit),
              new Step(50, null, null),
              new Step(null, null, inherit),
              new Step(100, null, null),
              new Step(null, null, inherit)));
    }
  }

  /**
   * One canary step: exactly one of its fields is set.
   *
   * @param setWeight the canary's share of calls, 0..100
   * @param pause a duration ({@code 30s}), or {@code untilPromoted}
   * @param analysis an analysis; its fields override the environment's analysis defaults
   */
  public record Step(Integer setWeight, String pause, AnalysisConfig analysis) {}

  /**
   * Blue/green: the new version starts as a preview stack beside the live one, the switch moves
   * every call to it at once, and the old stack stays warm for {@code warmWindow} so that a
   * rollback is a switch back.
   *
   * @param autoPromote switch as soon as the preview is ready (else wait for {@code rollout
   *     promote})
   * @param warmWindow how long the old stack stays warm after the switch (default 5m)
   * @param analysis whether to analyse the new stack after the switch (default true)
   */
  public record BlueGreen(Boolean autoPromote, String warmWindow, Boolean analysis) {
    public BlueGreen {
      autoPromote = autoPromote == null || autoPromote;
      warmWindow = warmWindow == null ? "5m" : warmWindow;
      analysis = analysis == null || analysis;
    }
  }
}
