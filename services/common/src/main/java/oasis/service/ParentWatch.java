package oasis.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops this process gracefully once the process named by {@code OASIS_EXIT_WITH_PID} is gone. Test
 * harnesses set it, so a test JVM killed mid-run leaves no broker or service behind. Targets never
 * set it: a supervisor that dies must find its processes running, to adopt them.
 */
public final class ParentWatch {

  /** The variable naming the process to outlive by no more than a {@link #PERIOD}. */
  public static final String VARIABLE = "OASIS_EXIT_WITH_PID";

  static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);

  private ParentWatch() {}

  /**
   * The process to watch, if the variable names one.
   *
   * @throws ConfigException when the variable is not a process id
   */
  public static Optional<Long> pid(ServiceConfig config) {
    Optional<String> raw = config.raw(VARIABLE).filter(v -> !v.isBlank());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.get().strip()));
    } catch (NumberFormatException e) {
      throw new ConfigException(VARIABLE + "=\"" + raw.get() + "\" is not a process id");
    }
  }

  /** Runs {@code stop} once process {@code pid} is gone (checked every {@link #PERIOD}). */
  public static void watch(long pid, Runnable stop) {
    Optional<ProcessHandle> watched = ProcessHandle.of(pid);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(Threads.daemon("parent-watch"));
    ticker.scheduleWithFixedDelay(
        () -> {
          if (watched.map(ProcessHandle::isAlive).orElse(false)) {
            return;
          }
          LOG.warn("process {} ({}) is gone: stopping", pid, VARIABLE);
          ticker.shutdown();
          stop.run();
        },
        0,
        PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
