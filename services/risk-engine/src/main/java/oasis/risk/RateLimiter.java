package oasis.risk;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} permits a second, bursts up to one second's worth; 0 = no
 * limit.
 */
public final class RateLimiter {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  /** On the given clock (System::nanoTime in production). */
  public RateLimiter(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.last = nanoTime.getAsLong();
  }

  /** Takes one permit if there is one. */
  public synchronized boolean tryAcquire() {
    if (perSecond <= 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - last) * (double) perSecond / SECOND);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
