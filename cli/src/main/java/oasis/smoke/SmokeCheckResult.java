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
public record SmokeCheckResult(Status status, String component, String message) {

  public static SmokeCheckResult pass(String component, String message) {
    return new SmokeCheckResult(Status.PASS, component, message);
  }

  public static SmokeCheckResult fail(String component, String message) {
    return new SmokeCheckResult(Status.FAIL, component, message);
  }

  public static SmokeCheckResult warn(String component, String message) {
    return new SmokeCheckResult(Status.WARN, component, message);
  }

  public static SmokeCheckResult skip(String component, String message) {
    return new SmokeCheckResult(Status.SKIP, component, message);
  }
}
