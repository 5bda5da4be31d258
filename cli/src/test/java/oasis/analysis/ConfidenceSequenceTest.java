package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The confidence sequence holds the true share at every look at once, and narrows with data. */
class ConfidenceSequenceTest {

  @Test
  void looksAfterEveryCallExcludeTheTrueShareInAtMostAlphaOfSequences() {
    SplittableRandom random = new SplittableRandom(42);
    int sequences = 600;
    int misses = 0;
    for (int s = 0; s < sequences; s++) {
      long bad = 0;
      for (int n = 1; n <= 200; n++) {
        bad += random.nextDouble() < 0.1 ? 1 : 0;
        ConfidenceSequence.Interval ci = ConfidenceSequence.of(bad, n, 0.05);
        if (ci.lower() > 0.1 || ci.upper() < 0.1) {
          misses++;
          break;
        }
      }
    }
    // a fixed-sample 95% interval looked at after every one of 200 calls misses far more often
    assertThat((double) misses / sequences).as("%d misses", misses).isLessThanOrEqualTo(0.05);
  }

  @Test
  void theIntervalHoldsTheObservedShareAndNarrowsAsCallsAccumulate() {
    ConfidenceSequence.Interval few = ConfidenceSequence.of(3, 10, 0.05);
    ConfidenceSequence.Interval many = ConfidenceSequence.of(300, 1000, 0.05);
    assertThat(few.lower()).isLessThan(0.3);
    assertThat(few.upper()).isGreaterThan(0.3);
    assertThat(many.lower()).isGreaterThan(few.lower());
    assertThat(many.upper()).isLessThan(few.upper());
    assertThat(many.upper() - many.lower()).isLessThan(0.15);
    assertThat(ConfidenceSequence.of(0, 100, 0.05).lower()).isZero();
    assertThat(ConfidenceSequence.of(0, 100, 0.05).upper()).isBetween(0.02, 0.1);
    assertThat(ConfidenceSequence.of(5, 5, 0.05).upper()).isEqualTo(1.0);
    assertThat(ConfidenceSequence.of(0, 0, 0.05)).isEqualTo(new ConfidenceSequence.Interval(0, 1));
  }
}
