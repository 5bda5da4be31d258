package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000);

  @Test
  void allowsOneSecondsWorthAtOnceThenRefillsWithTime() {
    RateLimiter limiter = new RateLimiter(3, nanos::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    nanos.addAndGet(333_400_000L);
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    nanos.addAndGet(10_000_000_000L);
    int granted = 0;
    while (limiter.tryAcquire()) {
      granted++;
    }
    assertThat(granted).as("the bucket never holds more than one second").isEqualTo(3);
  }

  @Test
  void zeroMeansNoLimit() {
    RateLimiter limiter = new RateLimiter(0, nanos::get);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.tryAcquire()).isTrue();
    }
  }
}
