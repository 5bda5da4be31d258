package oasis.service;

import sun.misc.Signal;

/**
 * Replaces the JVM's default SIGTERM/SIGINT handling, so that a service shuts down gracefully and
 * {@code main} decides the exit code (0 after a clean stop rather than the JVM's 143).
 */
public final class Signals {
  private Signals() {}

  /** Runs {@code action} on a new thread when the process receives SIGTERM or SIGINT. */
  public static void onTerminate(Runnable action) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            Thread thread = new Thread(action, "shutdown-on-SIG" + signal.getName());
            thread.start();
          });
    }
  }
}
