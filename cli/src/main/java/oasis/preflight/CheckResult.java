package oasis.preflight;

import java.util.List;

/**
 * What one check concluded: a status, a one-line summary and the findings behind it.
 *
 * <p>A result with failing findings fails; with only warning findings it warns.
 */
public record CheckResult(Status status, String message, List<Finding> findings) {

  public CheckResult {
    findings = List.copyOf(findings);
  }

  public static CheckResult pass(String message) {
    return new CheckResult(Status.PASS, message, List.of());
  }

  public static CheckResult skip(String reason) {
    return new CheckResult(Status.SKIP, reason, List.of());
  }

  public static CheckResult warn(String message, List<Finding> findings) {
    return new CheckResult(Status.WARN, message, findings);
  }

  /** Pass with {@code passMessage} when there are no findings, else the worst finding's status. */
  public static CheckResult of(List<Finding> findings, String passMessage) {
    if (findings.isEmpty()) {
      return pass(passMessage);
    }
    Status worst = Status.PASS;
    for (Finding f : findings) {
      worst = worst.worst(f.status());
    }
    long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    String summary =
        failed > 0
            ? failed + " problem" + (failed == 1 ? "" : "s") + ": " + first(findings, Status.FAIL)
            : findings.size()
                + " warning"
                + (findings.size() == 1 ? "" : "s")
                + ": "
                + first(findings, Status.WARN);
    return new CheckResult(worst, summary, findings);
  }

  private static String first(List<Finding> findings, Status status) {
    return findings.stream()
        .filter(f -> f.status() == status)
        .findFirst()
        .map(Finding::describe)
        .orElse("");
  }
}
