package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramsTest {

  private static TreeMap<Double, Double> cumulative(double... boundAndCount) {
    TreeMap<Double, Double> m = new TreeMap<>();
    for (int i = 0; i < boundAndCount.length; i += 2) {
      m.put(boundAndCount[i], boundAndCount[i + 1]);
    }
    return m;
  }

  @Test
  void quantileInterpolatesInsideTheBucketLikePrometheus() {
    // 100 observations: 50 up to 0.1 s, 40 in (0.1, 0.2], 10 in (0.2, 0.4]
    var h = cumulative(0.1, 50, 0.2, 90, 0.4, 100, Double.POSITIVE_INFINITY, 100);
    assertThat(Histograms.quantile(0.5, h)).isCloseTo(0.1, within(1e-12));
    assertThat(Histograms.quantile(0.95, h)).isCloseTo(0.3, within(1e-12));
    assertThat(Histograms.quantile(0.75, h)).isCloseTo(0.1625, within(1e-12));
  }

  @Test
  void quantileOfNothingIsNaNAndOfTheInfBucketIsTheHighestBound() {
    assertThat(Histograms.quantile(0.95, cumulative(0.1, 0, Double.POSITIVE_INFINITY, 0))).isNaN();
    assertThat(Histograms.quantile(0.99, cumulative(0.1, 1, 10, 2, Double.POSITIVE_INFINITY, 50)))
        .isEqualTo(10);
  }

  @Test
  void observationsGiveOneValuePerCallAtItsBucketBound() {
    double[] obs = Histograms.observations(cumulative(0.1, 2, 0.2, 3, Double.POSITIVE_INFINITY, 4));
    assertThat(obs).containsExactly(0.1, 0.1, 0.2, 0.4);
  }
}
