package oasis.preflight;

import java.util.List;

/** The outcome of a preflight run: one entry per checklist item, and the verdict. */
public record PreflightReport(
    String environment, String release, boolean strict, List<CheckOutcome> outcomes) {

  public PreflightReport {
    outcomes = List.copyOf(outcomes);
  }

  /** Failed: an error-severity check failed, or with --strict anything warned. */
  public boolean failed() {
    return outcomes.stream()
        .anyMatch(o -> o.status() == Status.FAIL || (strict && o.status() == Status.WARN));
  }

  public long count(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** {@code 7 checks: 5 pass, 1 warn, 1 skip, 0 fail}. */
  public String summary() {
    return outcomes.size()
        + " checks: "
        + count(Status.PASS)
        + " pass, "
        + count(Status.WARN)
        + " warn, "
        + count(Status.SKIP)
        + " skip, "
        + count(Status.FAIL)
        + " fail"
        + (strict ? " (strict: warnings fail)" : "");
  }
}
