package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pod arithmetic of a weight on plain Kubernetes, and what the one Service selects. */
class ReplicaSplitTest {

  @Test
  void aTrackGetsThePodsClosestToItsWeightButAtLeastOne() {
    assertThat(ReplicaSplit.trackReplicas(1, 10)).isEqualTo(1);
    assertThat(ReplicaSplit.effectivePercent(1, 1, 10)).as("one pod is half").isEqualTo(50);
    assertThat(ReplicaSplit.trackReplicas(6, 10)).isEqualTo(1);
    assertThat(ReplicaSplit.effectivePercent(6, 1, 10)).isEqualTo(14);
    assertThat(ReplicaSplit.trackReplicas(6, 20)).isEqualTo(2);
    assertThat(ReplicaSplit.trackReplicas(2, 50)).isEqualTo(2);
    assertThat(ReplicaSplit.effectivePercent(2, 2, 50)).isEqualTo(50);
    assertThat(ReplicaSplit.trackReplicas(3, 100)).isEqualTo(3);
    assertThat(ReplicaSplit.trackReplicas(3, 0)).as("warm, out of rotation").isEqualTo(1);
    assertThat(ReplicaSplit.effectivePercent(3, 1, 0)).isZero();
  }

  @Test
  void theServiceSelectsStableAtZeroBothBetweenAndTheTrackAtAHundred() {
    assertThat(ReplicaSplit.serviceSelector("p", "om", null)).containsEntry(Labels.TRACK, "stable");
    assertThat(ReplicaSplit.serviceSelector("p", "om", new ReplicaSplit.Share("canary", 0)))
        .containsEntry(Labels.TRACK, "stable");
    assertThat(ReplicaSplit.serviceSelector("p", "om", new ReplicaSplit.Share("canary", 10)))
        .doesNotContainKey(Labels.TRACK)
        .containsEntry(Labels.COMPONENT, "om");
    assertThat(ReplicaSplit.serviceSelector("p", "om", new ReplicaSplit.Share("green", 100)))
        .containsEntry(Labels.TRACK, "green");
  }
}
