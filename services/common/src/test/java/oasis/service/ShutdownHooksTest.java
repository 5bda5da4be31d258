package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownHooksTest {

  @Test
  void hooksRunInReverseOrderAndAFailureDoesNotStopTheRest() {
    List<String> ran = new ArrayList<>();
    ShutdownHooks hooks = new ShutdownHooks();
    hooks.add("producer flush", () -> ran.add("producer"));
    hooks.add(
        "broken",
        () -> {
          throw new IllegalStateException("boom");
        });
    hooks.add("consumer commit", () -> ran.add("consumer"));

    boolean clean = hooks.runAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));

    assertThat(clean).isFalse();
    assertThat(ran).containsExactly("consumer", "producer");
  }

  @Test
  void theDeadlineBoundsAHookThatHangs() {
    CountDownLatch never = new CountDownLatch(1);
    ShutdownHooks hooks = new ShutdownHooks();
    hooks.add("hangs", () -> never.await(30, TimeUnit.SECONDS));
    long start = System.nanoTime();

    boolean clean = hooks.runAll(start + TimeUnit.MILLISECONDS.toNanos(200));

    assertThat(clean).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
