package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  @Test
  void offByDefault() {
    FaultInjection faults = FaultInjection.from(ServiceConfig.of(Map.of()));

    assertThat(faults).isEqualTo(FaultInjection.OFF);
    assertThat(faults.enabled()).isFalse();
  }

  @Test
  void failsAboutTheConfiguredShareOfCalls() {
    FaultInjection faults =
        FaultInjection.from(ServiceConfig.of(Map.of("OASIS_FAULT_ERROR_RATE", "0.2")));
    Random random = new Random(42);
    FaultInjectionInterceptor interceptor =
        new FaultInjectionInterceptor(faults, random::nextDouble);

    int failed = 0;
    for (int i = 0; i < 10_000; i++) {
      failed += interceptor.shouldFail() ? 1 : 0;
    }

    assertThat(failed).as("failures out of 10,000 at rate 0.2").isBetween(1_850, 2_150);
  }

  @Test
  void rateZeroNeverFailsAndRateOneAlwaysFails() {
    FaultInjectionInterceptor never =
        new FaultInjectionInterceptor(new FaultInjection(0, 0), () -> 0.0);
    FaultInjectionInterceptor always =
        new FaultInjectionInterceptor(new FaultInjection(1, 0), () -> 0.999999);

    assertThat(never.shouldFail()).isFalse();
    assertThat(always.shouldFail()).isTrue();
  }

  @Test
  void rateAboveOneAndNegativeLatencyAreRejected() {
    assertThatThrownBy(
            () -> FaultInjection.from(ServiceConfig.of(Map.of("OASIS_FAULT_ERROR_RATE", "1.5"))))
        .hasMessage(
            "OASIS_FAULT_ERROR_RATE=\"1.5\" is not allowed: expected a decimal number from 0 to 1");
    assertThatThrownBy(
            () -> FaultInjection.from(ServiceConfig.of(Map.of("OASIS_FAULT_LATENCY_MS", "-5"))))
        .hasMessageStartingWith("OASIS_FAULT_LATENCY_MS=\"-5\" is not allowed");
  }
}
