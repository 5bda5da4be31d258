package oasis.testkit;

import java.nio.file.Path;

/** How to start another JVM with the classpath of the running tests. */
public final class JavaProcesses {
  private JavaProcesses() {}

  /** The {@code java} of the JVM running the tests. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The test classpath: surefire/failsafe publish it as {@code surefire.test.class.path} (their own
   * {@code java.class.path} may be a manifest-only jar); otherwise {@code java.class.path}.
   */
  public static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
