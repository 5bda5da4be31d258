package oasis.artifact;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One build of the working tree.
 *
 * @param version {@code X.Y.Z-dev+<shortsha>} (plus {@code .dirty.<hash>} for uncommitted changes)
 * @param commit the full commit id, or {@code unknown} outside git
 * @param dirty whether the working tree had uncommitted changes
 * @param createdAt when it was recorded
 * @param artifacts buildable name to artifact digest
 */
public record BuildRecord(
    String version,
    String commit,
    boolean dirty,
    Instant createdAt,
    Map<String, String> artifacts) {

  public BuildRecord {
    artifacts = new TreeMap<>(artifacts);
  }
}
