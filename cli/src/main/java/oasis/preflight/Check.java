package oasis.preflight;

/** One pre-deploy check: looks at the project and says pass, fail, warn or skip. */
@FunctionalInterface
public interface Check {

  CheckResult run(CheckContext context);
}
