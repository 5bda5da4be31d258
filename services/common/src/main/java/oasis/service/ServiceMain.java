package oasis.service;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of every service {@code main}: configure, start, wait for SIGTERM, stop gracefully. Exit
 * codes: 0 after a clean stop, 1 when start-up or shutdown failed, 2 on a bad configuration (one
 * line on stderr naming the variable, no stack trace).
 */
public final class ServiceMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

  /** Adds the service's gRPC services, readiness checks and shutdown hooks to the builder. */
  @FunctionalInterface
  public interface Setup {
    /** Configures the service; may throw {@link ConfigException} for its own variables. */
    void configure(ServiceRuntime.Builder service) throws Exception;
  }

  private ServiceMain() {}

  /** Runs the service until SIGTERM and exits the JVM with the outcome. */
  public static void run(String component, String portPrefix, Setup setup) {
    System.exit(execute(component, portPrefix, setup));
  }

  /** Runs the service until SIGTERM and returns the exit code. */
  static int execute(String component, String portPrefix, Setup setup) {
    ServiceConfig config;
    try {
      config = ServiceConfig.load();
    } catch (ConfigException e) {
      System.err.println(component + ": configuration error: " + e.getMessage());
      return 2;
    }
    return execute(component, portPrefix, config, setup);
  }

  /** Runs the service with the given configuration until SIGTERM; returns the exit code. */
  static int execute(String component, String portPrefix, ServiceConfig config, Setup setup) {
    ServiceRuntime runtime;
    Optional<Long> parent;
    try {
      parent = ParentWatch.pid(config);
      ServiceRuntime.Builder builder = ServiceRuntime.builder(component, portPrefix, config);
      setup.configure(builder);
      runtime = builder.start();
    } catch (ConfigException e) {
      System.err.println(component + ": configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("start-up failed", e);
      System.err.println(component + ": cannot start: " + e.getMessage());
      return 1;
    }
    ServiceRuntime running = runtime;
    Signals.onTerminate(running::shutdown);
    parent.ifPresent(pid -> ParentWatch.watch(pid, running::shutdown));
    Runtime.getRuntime().addShutdownHook(new Thread(running::shutdown, "shutdown-hook"));
    try {
      running.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return running.shutdown() ? 0 : 1;
  }
}
