package oasis.service;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Puts the service identity into every log line (logback context properties the pattern reads). */
final class LogContext {
  private LogContext() {}

  static void set(ServiceIdentity identity) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.putProperty("component", identity.component());
      context.putProperty("version", identity.version());
      context.putProperty("track", identity.track());
    }
  }
}
