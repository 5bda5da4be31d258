package oasis.smoke;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The share of a service's own gRPC calls that failed ({@code grpc_server_errors_total} against
 * {@code grpc_server_handling_seconds_count}; health, reflection and ops calls left out) stays
 * within {@code maxErrorRate}. Measured over this smoke run when the service handled calls in
 * between, else over the process's life.
 */
final class ErrorRateCheck implements SmokeCheck {

  static final String ERRORS = "grpc_server_errors_total";
  static final String HANDLED = "grpc_server_handling_seconds_count";

  /** Calls of the kit's own services, which say nothing about the service's work. */
  static final Predicate<Map<String, String>> OWN_METHODS =
      l -> {
        String m = l.getOrDefault("method", "");
        return !m.startsWith("grpc.health.")
            && !m.startsWith("grpc.reflection.")
            && !m.startsWith("oasis.ops.");
      };

  private final String component;

  ErrorRateCheck(String component) {
    this.component = component;
  }

  @Override
  public String name() {
    return "error-rate/" + component;
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    Metrics now;
    try {
      now = ctx.scrape(component);
    } catch (IOException e) {
      return SmokeCheckResult.fail(component, "cannot read its metrics: " + e.getMessage());
    }
    double errors = now.sum(ERRORS, OWN_METHODS);
    double handled = now.sum(HANDLED, OWN_METHODS);
    String over = "since the process started";
    Optional<Metrics> before = ctx.baseline(component);
    if (before.isPresent()) {
      double windowHandled = handled - before.get().sum(HANDLED, OWN_METHODS);
      if (windowHandled > 0) {
        errors -= before.get().sum(ERRORS, OWN_METHODS);
        handled = windowHandled;
        over = "during this run";
      }
    }
    if (handled <= 0) {
      return SmokeCheckResult.pass(component, "handled no gRPC calls of its own yet");
    }
    double rate = errors / handled;
    double limit = ctx.settings().maxErrorRate();
    String text =
        String.format(
            Locale.ROOT,
            "%.1f%% of gRPC calls failed %s (%d of %d), budget %.1f%%",
            rate * 100,
            over,
            (long) errors,
            (long) handled,
            limit * 100);
    return rate <= limit
        ? SmokeCheckResult.pass(component, text)
        : SmokeCheckResult.fail(component, text);
  }
}
