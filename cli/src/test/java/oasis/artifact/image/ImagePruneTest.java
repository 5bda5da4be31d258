package oasis.artifact.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which old images of a project go: beyond the newest N per component, never a protected one. */
class ImagePruneTest {

  static ImagePrune.Candidate image(String id, String component, String artifact, long created) {
    return new ImagePrune.Candidate(
        id, List.of("oasis/" + component + ":" + id), component, artifact, created);
  }

  @Test
  void keepsTheNewestPerComponentAndRemovesTheRestOldestLast() {
    List<ImagePrune.Candidate> ours =
        List.of(
            image("a1", "risk-engine", "sha256:a1", 1),
            image("a2", "risk-engine", "sha256:a2", 2),
            image("a3", "risk-engine", "sha256:a3", 3),
            image("b1", "order-manager", "sha256:b1", 1),
            image("j1", "jre", null, 1),
            image("j2", "jre", null, 2));

    List<ImagePrune.Candidate> gone = ImagePrune.select(ours, 1, Set.of(), Set.of());

    assertThat(gone)
        .extracting(ImagePrune.Candidate::id)
        .as("risk-engine keeps a3, order-manager b1, the newest base j2; bases go last")
        .containsExactly("a2", "a1", "j1");
  }

  @Test
  void neverRemovesAnImageAContainerUsesOrWhoseArtifactARevisionRuns() {
    List<ImagePrune.Candidate> ours =
        List.of(
            image("a1", "risk-engine", "sha256:a1", 1),
            image("a2", "risk-engine", "sha256:a2", 2),
            image("a3", "risk-engine", "sha256:a3", 3),
            image("a4", "risk-engine", "sha256:a4", 4));

    List<ImagePrune.Candidate> gone = ImagePrune.select(ours, 1, Set.of("sha256:a2"), Set.of("a1"));

    assertThat(gone).extracting(ImagePrune.Candidate::id).containsExactly("a3");
    assertThat(ImagePrune.select(ours, 0, Set.of(), Set.of())).hasSize(4);
    assertThat(ImagePrune.select(ours, 5, Set.of(), Set.of())).isEmpty();
  }
}
