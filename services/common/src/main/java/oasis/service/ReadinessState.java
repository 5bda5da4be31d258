package oasis.service;

/** The outcome of evaluating all readiness checks: ready, or the first reason why not. */
public record ReadinessState(boolean ready, String reason) {
  static final ReadinessState READY = new ReadinessState(true, "ready");

  static ReadinessState notReady(String reason) {
    return new ReadinessState(false, reason);
  }
}
