package oasis.service;

/** One step of a graceful stop, e.g. a consumer committing its offsets or a producer flushing. */
@FunctionalInterface
public interface ShutdownHook {
  /** Does the step; should return well within the shutdown budget. */
  void run() throws Exception;
}
