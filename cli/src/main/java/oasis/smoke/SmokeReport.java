package oasis.smoke;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oasis.preflight.Status;

/**
 * A smoke run: every check's result, in order, and how long the run took.
 *
 * @param environment the environment
 * @param version the version the plan runs
 * @param results the checks as they ran
 * @param millis the whole run
 */
public record SmokeReport(
    String environment, String version, List<SmokeResult> results, long millis) {

  public SmokeReport {
    results = List.copyOf(results);
  }

  public boolean failed() {
    return results.stream().anyMatch(r -> r.status() == Status.FAIL);
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  public Optional<SmokeResult> firstFailure() {
    return results.stream().filter(r -> r.status() == Status.FAIL).findFirst();
  }

  /** {@code 14 checks: 13 passed, 1 failed in 3.2 s}. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(results.size()).append(" checks: ").append(count(Status.PASS)).append(" passed");
    for (Status s : List.of(Status.FAIL, Status.WARN, Status.SKIP)) {
      long n = count(s);
      if (n > 0) {
        sb.append(", ")
            .append(n)
            .append(
                switch (s) {
                  case FAIL -> " failed";
                  case WARN -> " warned";
                  default -> " skipped";
                });
      }
    }
    sb.append(String.format(Locale.ROOT, " in %.1f s", millis / 1000.0));
    return sb.toString();
  }

  /**
   * The failures as one message: each failing step, the component it names, and its evidence (the
   * component's last log lines).
   */
  public String failureText() {
    StringBuilder sb = new StringBuilder();
    for (SmokeResult r : results) {
      if (r.status() != Status.FAIL) {
        continue;
      }
      sb.append("\n  ")
          .append(r.check())
          .append(r.component() == null ? "" : " [" + r.component() + "]")
          .append(": ")
          .append(r.message());
      if (!r.evidence().isEmpty()) {
        sb.append("\n    last lines of ").append(r.component()).append("'s log:");
        r.evidence().forEach(l -> sb.append("\n      ").append(l));
      }
    }
    return sb.toString();
  }
}
