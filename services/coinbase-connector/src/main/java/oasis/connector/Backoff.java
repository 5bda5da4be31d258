package oasis.connector;

import java.time.Duration;

/** Exponential reconnect delays: min, 2×min, 4×min ... up to max; reset after a good connection. */
final class Backoff {
  private final Duration min;
  private final Duration max;
  private Duration next;

  Backoff(Duration min, Duration max) {
    this.min = min;
    this.max = max;
    this.next = min;
  }

  synchronized Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }

  synchronized void reset() {
    next = min;
  }
}
