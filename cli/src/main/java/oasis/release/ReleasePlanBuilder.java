package oasis.release;

import java.nio.file.Files;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oasis.artifact.Buildable;
import oasis.config.DeployWindow;
import oasis.config.Project;
import oasis.config.ReleaseConfig;
import org.semver4j.Semver;

/** Turns a checked release (version, commits, artifacts) into its manifest, notes and plan. */
final class ReleasePlanBuilder {

  private final Project project;
  private final GitRepo repo;
  private final ArtifactDigests digests;
  private final Clock clock;
  private final ReleaseConfig config;

  ReleasePlanBuilder(Project project, GitRepo repo, ArtifactDigests digests, Clock clock) {
    this.project = project;
    this.repo = repo;
    this.digests = digests;
    this.clock = clock;
    this.config = project.config().release();
  }

  ReleasePlan build(
      boolean dryRun,
      Semver version,
      String head,
      NextVersion next,
      boolean forced,
      boolean signed,
      ReleaseNotes template) {
    String tag = SemVersions.tag(version);
    String previous = next.base() == null ? null : next.base().replaceFirst("^v", "");
    List<String> missing = new ArrayList<>();
    Map<String, ReleaseManifest.Artifact> artifacts = pinnedArtifacts(missing);
    Optional<ReleaseManifest.Artifact> proto =
        digests
            .protoDescriptorSet()
            .filter(a -> Files.isRegularFile(project.dir().resolve(a.source())));
    if (proto.isEmpty()) {
      missing.add("proto");
    }
    List<ChangeLog.Entry> entries =
        ChangeLog.entries(next.changes(), repo, project.dir(), project.config().components());
    List<String> upgradeNotes = upgradeNotes(entries);
    ReleaseManifest manifest =
        new ReleaseManifest(
            ReleaseManifest.SCHEMA,
            version.getVersion(),
            tag,
            head,
            clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
            previous,
            artifacts,
            proto.map(ReleaseManifest.Artifact::digest).orElse(null),
            upgradeNotes,
            rollbackPlan(previous, !ChangeLog.breaking(entries).isEmpty()),
            deployWindows());
    String notes = template.render(model(manifest, next, entries, forced));
    return plan(
        dryRun, version, head, previous, next, forced, signed, missing, proto, manifest, notes);
  }

  private ReleasePlan plan(
      boolean dryRun,
      Semver version,
      String head,
      String previous,
      NextVersion next,
      boolean forced,
      boolean signed,
      List<String> missing,
      Optional<ReleaseManifest.Artifact> proto,
      ReleaseManifest manifest,
      String notes) {
    String tag = SemVersions.tag(version);
    String dir =
        project
            .dir()
            .relativize(new ReleaseRepository(project.dir()).manifestFile(version))
            .getParent()
            .toString();
    return new ReleasePlan(
        dryRun,
        version.getVersion(),
        tag,
        head,
        previous,
        forced ? "forced" : next.bump(),
        signed,
        List.of(
            dir + "/" + tag + ".yaml",
            dir + "/" + tag + ".md",
            dir + "/contracts/" + tag + ".desc"),
        "chore(release): "
            + tag
            + "\n\nManifest and notes of "
            + tag
            + ", released from "
            + head
            + ".\n",
        missing,
        next.nonConventional(),
        proto.orElse(null),
        manifest,
        notes);
  }

  /**
   * Every component's artifact as the build recorded it (the names without one go to {@code
   * missing}), and the embedded broker's: it is built from this repository too, so a rollback to
   * this version runs the broker it was released with (and a deploy of it does not lack one).
   */
  private Map<String, ReleaseManifest.Artifact> pinnedArtifacts(List<String> missing) {
    Map<String, ReleaseManifest.Artifact> artifacts = new LinkedHashMap<>();
    project
        .config()
        .components()
        .forEach(
            (name, component) ->
                digests
                    .component(name, component)
                    .ifPresentOrElse(a -> artifacts.put(name, a), () -> missing.add(name)));
    for (Buildable b : Buildable.all(project.config())) {
      if (!project.config().components().containsKey(b.name())) {
        digests.infrastructure(b.name()).ifPresent(a -> artifacts.put(b.name(), a));
      }
    }
    return artifacts;
  }

  /** Per environment with one, its deploy window from oasis.yaml. */
  private Map<String, DeployWindow> deployWindows() {
    Map<String, DeployWindow> windows = new LinkedHashMap<>();
    project
        .config()
        .environments()
        .forEach(
            (name, env) -> {
              if (env.deployWindow() != null) {
                windows.put(name, env.deployWindow());
              }
            });
    return windows;
  }

  private static List<String> upgradeNotes(List<ChangeLog.Entry> entries) {
    List<String> notes = new ArrayList<>();
    for (ChangeLog.Entry e : entries) {
      for (String impact : e.breakingNotes()) {
        notes.add("BREAKING (" + String.join(", ", e.components()) + "): " + impact);
      }
    }
    for (ChangeLog.Entry e : entries) {
      for (String step : e.upgradeNotes()) {
        notes.add("(" + String.join(", ", e.components()) + ") " + step);
      }
    }
    return notes;
  }

  private ReleaseManifest.RollbackPlan rollbackPlan(String previous, boolean breaking) {
    List<String> steps = new ArrayList<>();
    if (previous == null) {
      steps.add("First release: nothing to roll back to; oasis down --env ENV stops it.");
    } else {
      steps.add(
          "oasis rollback --env ENV: back to the last healthy revision (v"
              + previous
              + " pins its artifacts in releases/v"
              + previous
              + ".yaml); no rebuild, no canary steps.");
    }
    if (breaking) {
      steps.add("This release has breaking changes: read the upgrade notes before rolling back.");
    }
    steps.addAll(config.rollbackSteps());
    return new ReleaseManifest.RollbackPlan(previous, steps);
  }

  private static Map<String, Object> model(
      ReleaseManifest manifest, NextVersion next, List<ChangeLog.Entry> entries, boolean forced) {
    List<Map<String, Object>> artifacts = new ArrayList<>();
    manifest
        .artifacts()
        .forEach((name, a) -> artifacts.add(map("name", name, "digest", a.digest())));
    List<String> steps = new ArrayList<>(manifest.upgradeNotes());
    steps.add("oasis deploy " + manifest.version() + " --env staging, and let it become healthy.");
    steps.add(
        "oasis deploy "
            + manifest.version()
            + " --env production (the promotion gate checks staging).");
    List<Map<String, Object>> breaking = ChangeLog.breaking(entries);
    return map(
        "version", manifest.version(),
        "tag", manifest.tag(),
        "date", manifest.date(),
        "commit", manifest.commit(),
        "shortCommit", manifest.commit().substring(0, 7),
        "previous", manifest.previous() == null ? null : "v" + manifest.previous(),
        "bump", forced ? "forced (--version)" : next.bump(),
        "breaking", breaking,
        "hasBreaking", !breaking.isEmpty(),
        "groups", ChangeLog.groups(entries),
        "upgradeSteps", steps,
        "artifacts", artifacts,
        "protoDescriptorDigest", manifest.protoDescriptorDigest(),
        "rollbackSteps", manifest.rollback().steps(),
        "deployWindows",
            manifest.deployWindow().entrySet().stream()
                .map(e -> map("environment", e.getKey(), "window", e.getValue().describe()))
                .toList(),
        "nonConventional",
            next.nonConventional().stream()
                .map(c -> map("commit", c.commit(), "subject", c.subject()))
                .toList(),
        "hasNonConventional", !next.nonConventional().isEmpty());
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
