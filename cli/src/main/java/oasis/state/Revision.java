package oasis.state;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of an environment's ledger: what was deployed, how, and how it ended.
 *
 * @param revision its number, increasing, never reused
 * @param version the release version or {@code X.Y.Z-dev+sha} of a working-tree build
 * @param commit the commit the artifacts were built from
 * @param strategy {@code all-at-once} or {@code rollback} (canary and blue-green later)
 * @param state where it is in its life cycle
 * @param startedAt when the operation began
 * @param finishedAt when it ended (null while progressing)
 * @param components component to artifact digest
 * @param versions component to the version and commit it reports (unchanged components keep theirs)
 * @param infrastructure infrastructure instance to artifact digest (empty for external programs)
 * @param overrides {@code COMPONENT.VAR} to value from {@code --set}, secrets redacted
 * @param owner the pid of the command that made it
 * @param reason why it failed or was resolved, for people
 */
public record Revision(
    int revision,
    String version,
    String commit,
    String strategy,
    RevisionState state,
    Instant startedAt,
    Instant finishedAt,
    Map<String, String> components,
    Map<String, ComponentVersion> versions,
    Map<String, String> infrastructure,
    Map<String, String> overrides,
    Long owner,
    String reason) {

  public Revision {
    components = components == null ? Map.of() : new TreeMap<>(components);
    versions = versions == null ? Map.of() : new TreeMap<>(versions);
    infrastructure = infrastructure == null ? Map.of() : new TreeMap<>(infrastructure);
    overrides = overrides == null ? Map.of() : new TreeMap<>(overrides);
  }

  public Revision withState(RevisionState newState, Instant finished, String why) {
    return new Revision(
        revision,
        version,
        commit,
        strategy,
        newState,
        startedAt,
        finished,
        components,
        versions,
        infrastructure,
        overrides,
        owner,
        why == null ? reason : why);
  }

  /** Same artifacts and overrides: deploying one over the other changes nothing. */
  public boolean sameContent(Revision other) {
    return other != null
        && components.equals(other.components)
        && infrastructure.equals(other.infrastructure)
        && overrides.equals(other.overrides);
  }
}
