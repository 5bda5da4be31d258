package oasis.config;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import oasis.core.Durations;
import oasis.core.OasisException;

/** Checks an environment's {@code rollout:} section; problems name the key's line. */
final class RolloutValidator {

  /** Where a problem is, what it is, how to fix it. */
  interface Reporter {
    void report(String path, String message, String fix);
  }

  static final String UNTIL_PROMOTED = "untilPromoted";
  static final Set<String> METRICS = Set.of("errorRate", "latencyP95", "latencyP99", "query");

  private final ProjectConfig config;
  private final String at;
  private final Reporter reporter;

  RolloutValidator(ProjectConfig config, String at, Reporter reporter) {
    this.config = config;
    this.at = at;
    this.reporter = reporter;
  }

  void validate(RolloutConfig rollout) {
    if (!RolloutConfig.STRATEGIES.contains(rollout.strategy())) {
      reporter.report(
          at + "/strategy",
          "unknown strategy '" + rollout.strategy() + "'",
          "use one of: " + String.join(", ", RolloutConfig.STRATEGIES));
    }
    analysis(at + "/analysis", rollout.analysis(), true);
    List<RolloutConfig.Step> steps = rollout.canary().steps();
    if (steps.isEmpty()) {
      reporter.report(
          at + "/canary/steps", "the canary has no steps", "add e.g. '- setWeight: 20'");
    }
    for (int i = 0; i < steps.size(); i++) {
      step(at + "/canary/steps/" + i, steps.get(i), rollout.analysis());
    }
    duration(at + "/blueGreen/warmWindow", rollout.blueGreen().warmWindow(), "warmWindow");
  }

  private void step(String path, RolloutConfig.Step step, AnalysisConfig base) {
    int set =
        (step == null || step.setWeight() == null ? 0 : 1)
            + (step == null || step.pause() == null ? 0 : 1)
            + (step == null || step.analysis() == null ? 0 : 1);
    if (set != 1) {
      reporter.report(
          path,
          "a canary step needs exactly one of setWeight, pause, analysis (it has " + set + ")",
          "split it into one step per line, e.g. '- setWeight: 20' then '- pause: 30s'");
      return;
    }
    if (step.setWeight() != null && (step.setWeight() < 0 || step.setWeight() > 100)) {
      reporter.report(
          path + "/setWeight", "setWeight " + step.setWeight() + " is not 0..100", "use 0 to 100");
    }
    if (step.pause() != null && !UNTIL_PROMOTED.equals(step.pause())) {
      duration(path + "/pause", step.pause(), "pause");
    }
    if (step.analysis() != null) {
      analysis(path + "/analysis", step.analysis().over(base), false);
      sequential(path + "/analysis", step.analysis());
    }
  }

  private void analysis(String path, AnalysisConfig a, boolean own) {
    String where = own ? path : path + " (with the environment's defaults)";
    duration(path + "/interval", a.interval(), "interval");
    positive(path + "/count", a.count(), 1, "count", where);
    positive(path + "/failureLimit", a.failureLimit(), 0, "failureLimit", where);
    positive(path + "/inconclusiveLimit", a.inconclusiveLimit(), 0, "inconclusiveLimit", where);
    positive(path + "/minSamples", a.minSamples(), 1, "minSamples", where);
    if (a.alpha() == null || a.alpha() <= 0 || a.alpha() >= 1) {
      reporter.report(
          path + "/alpha", "alpha " + a.alpha() + " is not between 0 and 1", "use 0.05");
    }
    if (own) {
      sequential(path, a);
    }
    if (a.prometheus() != null) {
      String url = a.prometheus().url();
      boolean ok;
      try {
        URI u = URI.create(url == null ? "" : url);
        ok = ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
      } catch (IllegalArgumentException e) {
        ok = false;
      }
      if (!ok) {
        reporter.report(
            path + "/prometheus/url",
            "prometheus url '" + url + "' is not an http(s) URL",
            "write e.g. url: http://127.0.0.1:9090");
      }
    }
    if (a.conditions() == null || a.conditions().isEmpty()) {
      reporter.report(
          path + "/conditions",
          "the analysis has no conditions",
          "add e.g. '- {metric: errorRate, max: 0.05}'");
      return;
    }
    for (int i = 0; i < a.conditions().size(); i++) {
      condition(path + "/conditions/" + i, a.conditions().get(i), a.prometheus() != null);
    }
  }

  /** The sequential analysis's budget, tolerance, rules for inconclusive and traffic. */
  private void sequential(String path, AnalysisConfig a) {
    if (a.budget() != null) {
      duration(path + "/budget", a.budget(), "budget");
    }
    if (a.maxInconclusive() != null) {
      duration(path + "/maxInconclusive", a.maxInconclusive(), "maxInconclusive");
    }
    if (a.tolerance() != null && (a.tolerance() < 0 || a.tolerance() >= 1)) {
      reporter.report(
          path + "/tolerance",
          "tolerance " + a.tolerance() + " is not a share from 0 to below 1",
          "use e.g. 0.05 (the canary may have 5 points more bad calls than stable)");
    }
    if (a.onInconclusive() != null
        && !List.of(AnalysisConfig.ABORT, AnalysisConfig.PAUSE).contains(a.onInconclusive())) {
      reporter.report(
          path + "/onInconclusive",
          "unknown onInconclusive '" + a.onInconclusive() + "'",
          "use abort or pause");
    }
    if (a.pausedWeight() != null && (a.pausedWeight() < 0 || a.pausedWeight() > 100)) {
      reporter.report(
          path + "/pausedWeight", "pausedWeight " + a.pausedWeight() + " is not 0..100", "use 0");
    }
    if (a.traffic() != null
        && a.traffic().rate() != null
        && !(a.traffic().rate() > 0 && a.traffic().rate() <= 1000)) {
      reporter.report(
          path + "/traffic/rate",
          "traffic rate " + a.traffic().rate() + " is not above 0 and at most 1000 calls a second",
          "use e.g. 10");
    }
  }

  private void condition(String path, AnalysisConfig.ConditionConfig c, boolean prometheus) {
    if (c == null || !METRICS.contains(c.metric())) {
      reporter.report(
          path + "/metric",
          "unknown metric '" + (c == null ? null : c.metric()) + "'",
          "use one of: " + String.join(", ", METRICS.stream().sorted().toList()));
      return;
    }
    if ("query".equals(c.metric())) {
      if (c.query() == null || c.query().isBlank()) {
        reporter.report(path, "a query condition has no query", "add query: 'sum(...)'");
      } else if (!prometheus) {
        reporter.report(
            path + "/query",
            "a query condition needs a Prometheus server",
            "set analysis.prometheus.url, or use errorRate/latencyP95/latencyP99");
      }
    } else if (c.query() != null) {
      reporter.report(path + "/query", "only metric: query takes a query", "remove it");
    }
    if (c.component() != null && !config.components().containsKey(c.component())) {
      reporter.report(
          path + "/component",
          "unknown component '" + c.component() + "'",
          "use one of: " + String.join(", ", config.components().keySet()));
    }
    if (c.method() != null) {
      try {
        Pattern.compile(c.method());
      } catch (PatternSyntaxException e) {
        reporter.report(
            path + "/method",
            "method is not a regular expression: " + e.getDescription(),
            "e.g. 'trading\\\\.OrderExecutor/.*'");
      }
    }
    if (c.max() != null && c.max() < 0) {
      reporter.report(path + "/max", "max " + c.max() + " is negative", "use 0 or more");
    }
    if (c.maxDelta() != null && c.maxDelta() < 0) {
      reporter.report(
          path + "/maxDelta", "maxDelta " + c.maxDelta() + " is negative", "use 0 or more");
    }
  }

  private void duration(String path, String value, String what) {
    try {
      Durations.parse(value);
    } catch (OasisException e) {
      reporter.report(
          path, what + " '" + value + "' is not a duration", "write it like 5s, 2m or 500ms");
    }
  }

  private void positive(String path, Integer value, int min, String what, String where) {
    if (value == null || value < min) {
      reporter.report(path, what + " is " + value + " in " + where, "use " + min + " or more");
    }
  }
}
