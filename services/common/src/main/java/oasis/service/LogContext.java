package oasis.service;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Puts the service identity into every log line (logback context properties the pattern reads). */
public final class LogContext {
  private LogContext() {}

  /** Component, version and track of every following log line. */
  public static void set(ServiceIdentity identity) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.putProperty("component", identity.component());
      context.putProperty("version", identity.version());
      context.putProperty("track", identity.track());
    }
  }
}
