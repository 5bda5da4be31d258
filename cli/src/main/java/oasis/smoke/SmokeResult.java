package oasis.smoke;

import java.util.List;
import oasis.preflight.Status;

/**
 * One check as it ran.
 *
 * @param check the check's name
 * @param result what it concluded
 * @param evidence for a failure: the last log lines of the component it names
 * @param millis how long it took
 */
public record SmokeResult(
    String check, SmokeCheckResult result, List<String> evidence, long millis) {

  public SmokeResult {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public Status status() {
    return result.status();
  }

  public String component() {
    return result.component();
  }

  public String message() {
    return result.message();
  }
}
