package oasis.smoke;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The 95th percentile of a component's latency histogram stays within its budget. Measured over
 * this smoke run (the scrape before the probes against the one after) when calls happened in
 * between, else over the process's life.
 */
final class LatencyBudgetCheck implements SmokeCheck {

  private final String component;
  private final SmokeSettings.Budget budget;

  LatencyBudgetCheck(String component, SmokeSettings.Budget budget) {
    this.component = component;
    this.budget = budget;
  }

  @Override
  public String name() {
    return "latency/" + component;
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    Metrics now;
    try {
      now = ctx.scrape(component);
    } catch (IOException e) {
      return SmokeCheckResult.fail(component, "cannot read its metrics: " + e.getMessage());
    }
    if (!now.has(budget.metric())) {
      return SmokeCheckResult.fail(
          component,
          "exports no histogram "
              + budget.metric()
              + " at "
              + ctx.endpoint(component, "metrics")
              + "; fix the smoke latency budget in oasis.yaml or the service");
    }
    Metrics.Histogram total = now.histogram(budget.metric(), l -> true);
    Optional<Metrics> before = ctx.baseline(component);
    Metrics.Histogram window =
        before.map(b -> total.since(b.histogram(budget.metric(), l -> true))).orElse(total);
    String over = "during this run";
    Metrics.Histogram used = window;
    if (window.count() == 0) {
      used = total;
      over = "since the process started";
    }
    if (used.count() == 0) {
      return SmokeCheckResult.pass(component, budget.metric() + " has no observations yet");
    }
    double p95 = used.quantile(0.95);
    double bound = budget.p95().toNanos() / 1e9;
    String text =
        String.format(
            Locale.ROOT,
            "p95 of %s is %.1f ms %s (%d observations), budget %.0f ms",
            budget.metric(),
            p95 * 1000,
            over,
            (long) used.count(),
            bound * 1000);
    return p95 <= bound
        ? SmokeCheckResult.pass(component, text)
        : SmokeCheckResult.fail(component, text);
  }
}
