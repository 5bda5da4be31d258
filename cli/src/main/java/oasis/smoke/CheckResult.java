package oasis.smoke;

import oasis.preflight.Status;

/**
 * What one smoke check concluded.
 *
 * @param status pass, skip, warn or fail (a warning never fails the suite)
 * @param component the component the result is about (the one to blame when it fails), or null
 * @param message one line for people: what was seen, with host and port when something did not
 *     answer
 */
public record CheckResult(Status status, String component, String message) {

  public static CheckResult pass(String component, String message) {
    return new CheckResult(Status.PASS, component, message);
  }

  public static CheckResult fail(String component, String message) {
    return new CheckResult(Status.FAIL, component, message);
  }

  public static CheckResult warn(String component, String message) {
    return new CheckResult(Status.WARN, component, message);
  }

  public static CheckResult skip(String component, String message) {
    return new CheckResult(Status.SKIP, component, message);
  }
}
