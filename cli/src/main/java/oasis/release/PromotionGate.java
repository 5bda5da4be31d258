package oasis.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import oasis.config.EnvironmentConfig;
import oasis.core.OasisException;

/**
 * The promotion gate: a release may go to an environment that has a predecessor only when that
 * exact release (same version, commit and digests) has a healthy revision on the predecessor.
 */
public final class PromotionGate {

  /**
   * States that prove a revision passed: {@code healthy}, and {@code superseded} (it was healthy
   * until a newer revision replaced it).
   */
  public static final Set<String> PASSED = Set.of("healthy", "superseded");

  /**
   * The gate's answer.
   *
   * @param allowed whether the deploy may go on
   * @param reason why, in one sentence
   * @param revision the predecessor revision that passed, or null
   */
  public record Decision(boolean allowed, String reason, RevisionView revision) {

    /** Throws exit 3 with the reason and what to do when the gate is closed. */
    public void enforce(String version, String predecessor) {
      if (!allowed) {
        throw OasisException.conflict(
            reason,
            "Deploy it to "
                + predecessor
                + " first (oasis deploy "
                + version
                + " --env "
                + predecessor
                + ") and let it become healthy; the same artifacts are then promoted.");
      }
    }
  }

  private PromotionGate() {}

  /**
   * Checks that {@code manifest} may be deployed to {@code environment} (name and config, as {@code
   * Project.environment(name)} returns them) given the revisions of its predecessor.
   */
  public static Decision check(
      ReleaseManifest manifest,
      Map.Entry<String, EnvironmentConfig> environment,
      List<RevisionView> predecessorHistory) {
    String predecessor = environment.getValue().predecessor();
    if (predecessor == null) {
      return new Decision(
          true, "environment '" + environment.getKey() + "' has no predecessor", null);
    }
    List<String> mismatches = new ArrayList<>();
    for (RevisionView revision : predecessorHistory) {
      if (!sameVersion(revision.version(), manifest.version())) {
        continue;
      }
      Optional<String> mismatch = mismatch(manifest, revision);
      if (mismatch.isPresent()) {
        mismatches.add(mismatch.get());
      } else if (PASSED.contains(revision.state())) {
        return new Decision(
            true,
            manifest.tag() + " is " + revision.state() + " on '" + predecessor + "'",
            revision);
      } else {
        mismatches.add("a revision of it on '" + predecessor + "' is " + revision.state());
      }
    }
    String why =
        mismatches.isEmpty()
            ? "it was never deployed there"
            : String.join("; ", new TreeSet<>(mismatches));
    return new Decision(
        false,
        "release "
            + manifest.tag()
            + " cannot go to '"
            + environment.getKey()
            + "': it has no healthy revision on its predecessor '"
            + predecessor
            + "' ("
            + why
            + ")",
        null);
  }

  private static Optional<String> mismatch(ReleaseManifest manifest, RevisionView revision) {
    if (!manifest.commit().equals(revision.commit())) {
      return Optional.of(
          "the revision there ran commit "
              + abbreviate(revision.commit())
              + ", the release is commit "
              + abbreviate(manifest.commit()));
    }
    Map<String, String> wanted = manifest.digests();
    Set<String> components = new TreeSet<>(wanted.keySet());
    components.addAll(revision.digests().keySet());
    for (String component : components) {
      if (!Objects.equals(wanted.get(component), revision.digests().get(component))) {
        return Optional.of(
            "the artifact of '"
                + component
                + "' differs ("
                + abbreviate(revision.digests().get(component))
                + " there, "
                + abbreviate(wanted.get(component))
                + " in the release)");
      }
    }
    if (revision.protoDescriptorDigest() != null
        && !revision.protoDescriptorDigest().equals(manifest.protoDescriptorDigest())) {
      return Optional.of("the proto descriptor set differs");
    }
    return Optional.empty();
  }

  private static boolean sameVersion(String a, String b) {
    return a != null && a.replaceFirst("^v", "").equals(b.replaceFirst("^v", ""));
  }

  private static String abbreviate(String s) {
    return s == null ? "none" : s.substring(0, Math.min(12, s.length()));
  }
}
