package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void readyOnlyWhenEveryCheckPasses() {
    Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    checks.put("kafka", () -> true);
    checks.put("redis", () -> false);
    try (Readiness readiness = new Readiness(checks, Duration.ofSeconds(1))) {
      assertThat(readiness.refresh()).isEqualTo(new ReadinessState(false, "redis: not ready"));
    }
  }

  @Test
  void aFailingCheckGivesItsReasonOnOneLine() {
    ReadinessCheck refused =
        () -> {
          throw new ConnectException("Connection refused\n(127.0.0.1:16379)");
        };
    try (Readiness readiness = new Readiness(Map.of("redis", refused), Duration.ofSeconds(1))) {
      assertThat(readiness.refresh().reason())
          .isEqualTo("redis: Connection refused (127.0.0.1:16379)");
    }
  }

  @Test
  void aHangingCheckCountsAsNotReadyAfterItsTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    ReadinessCheck hangs = () -> never.await(30, TimeUnit.SECONDS);
    try (Readiness readiness = new Readiness(Map.of("peer", hangs), Duration.ofMillis(100))) {
      long start = System.nanoTime();

      ReadinessState state = readiness.refresh();

      assertThat(state).isEqualTo(new ReadinessState(false, "peer: no answer within 100 ms"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void untilFirstReadyTheChecksRunOftenNotEveryPeriod() throws InterruptedException {
    AtomicBoolean peerUp = new AtomicBoolean(false);
    CountDownLatch ready = new CountDownLatch(1);
    try (Readiness readiness = new Readiness(Map.of("peer", peerUp::get), Duration.ofSeconds(1))) {
      readiness.addListener(
          state -> {
            if (state.ready()) {
              ready.countDown();
            }
          });
      readiness.start(Duration.ofHours(1));
      assertThat(readiness.current().ready()).isFalse();

      peerUp.set(true);

      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void shuttingDownIsNeverReady() {
    try (Readiness readiness = new Readiness(Map.of(), Duration.ofSeconds(1))) {
      assertThat(readiness.refresh().ready()).isTrue();

      readiness.markShuttingDown();

      assertThat(readiness.current()).isEqualTo(new ReadinessState(false, "shutting down"));
      assertThat(readiness.refresh().ready()).isFalse();
    }
  }
}
