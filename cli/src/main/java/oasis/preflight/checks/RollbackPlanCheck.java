package oasis.preflight.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import oasis.release.ReleaseDocument;
import oasis.release.SemVersions;
import org.semver4j.Semver;

/**
 * Rollback plan documented: the release being deployed has a {@code rollback} section, and every
 * artifact of the release it would roll back to ({@code rollback.to}, else the previous release) is
 * still in the artifact store.
 */
public final class RollbackPlanCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of();

  public RollbackPlanCheck(Params params) {}

  @Override
  public CheckResult run(CheckContext context) {
    if (context.release().isEmpty()) {
      return CheckResult.skip("no --release: a development build has no rollback plan to check");
    }
    ReleaseDocument release = context.release().get();
    Path manifest = context.relative(release.manifest());
    JsonNode rollback = release.root().path("rollback");
    List<Finding> findings = new ArrayList<>();
    if (rollback.isMissingNode()
        || rollback.isNull()
        || rollback.isEmpty() && !rollback.isTextual()
        || rollback.isTextual() && rollback.asText().isBlank()) {
      findings.add(
          Finding.fail(
              manifest,
              1,
              release.tag() + " has no rollback section",
              "add 'rollback:' with the version to return to ('to:') and the steps (data migrations to undo, flags to flip)"));
      return CheckResult.of(findings, "");
    }
    Optional<ReleaseDocument> target;
    String to = rollback.path("to").asText("");
    if (!to.isEmpty()) {
      Semver version = SemVersions.parseTag(to).orElse(null);
      if (version == null
          || context.releases().versions().stream()
              .noneMatch(v -> SemVersions.samePrecedence(v, version))) {
        findings.add(
            Finding.fail(
                manifest,
                release.line("rollback/to"),
                "rollback target '" + to + "' is not a released version",
                "name one of: " + context.releases().versions()));
        return CheckResult.of(findings, "");
      }
      target = Optional.of(context.releases().document(version));
    } else {
      target = context.releases().documentBefore(release.version());
    }
    if (target.isEmpty()) {
      return CheckResult.pass(
          release.tag()
              + " has a rollback section; it is the first release, nothing to roll back to");
    }
    ReleaseDocument previous = target.get();
    Map<String, String> artifacts = checkStored(context, previous, findings);
    return CheckResult.of(
        findings,
        "rollback to "
            + previous.tag()
            + ": its "
            + artifacts.size()
            + " artifacts are in the store");
  }

  /** The rollback target's artifacts, each of which must still be in the store. */
  private static Map<String, String> checkStored(
      CheckContext context, ReleaseDocument previous, List<Finding> findings) {
    Map<String, String> artifacts = previous.artifacts();
    if (artifacts.isEmpty()) {
      findings.add(
          Finding.fail(
              context.relative(previous.manifest()),
              previous.line("artifacts"),
              previous.tag() + " lists no artifacts to roll back to",
              "its manifest must pin each component's digest"));
    }
    artifacts.forEach(
        (component, digest) -> {
          if (!context.store().contains(digest)) {
            findings.add(
                Finding.fail(
                    context.relative(previous.manifest()),
                    previous.line("artifacts/" + component),
                    "artifact "
                        + digest
                        + " of "
                        + component
                        + " "
                        + previous.tag()
                        + " (the rollback target) is not in the store .oasis/artifacts",
                    "rebuild "
                        + previous.tag()
                        + " into the store (oasis build at its tag) or restore the store before deploying"));
          }
        });
    return artifacts;
  }
}
