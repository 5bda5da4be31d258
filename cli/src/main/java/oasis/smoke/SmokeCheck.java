package oasis.smoke;

/** One check of the smoke suite against a running environment. */
public interface SmokeCheck {

  /** Stable id, e.g. {@code ready/order-manager}: a JUnit testcase name. */
  String name();

  /** Runs the check; bounded in time, never throws for what the environment does. */
  SmokeCheckResult run(SmokeContext context);
}
