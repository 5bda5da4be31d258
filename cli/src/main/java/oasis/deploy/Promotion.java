package oasis.deploy;

import java.util.List;
import java.util.Map;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.release.PromotionGate;
import oasis.release.ReleaseRepository;
import oasis.release.RevisionView;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.Revision;

/**
 * The promotion rule of the deploy engine: an environment with a predecessor (production after
 * staging) takes only a release whose exact artifacts ran healthy there, and never a working-tree
 * build. Every path that puts a version into an environment passes it: deploy (all-at-once, canary,
 * blue/green), rollback to a version, and a rollout that {@code oasis rollout} resumes.
 */
public final class Promotion {

  private final Project project;
  private final String env;

  /** The gate of {@code env}. */
  public Promotion(Project project, String env) {
    this.project = project;
    this.env = env;
  }

  /**
   * Returns {@code release} when it may go to this environment; throws exit 3 otherwise. A version
   * without a manifest in {@code releases/} is a working-tree build.
   */
  public Release admit(Release release) {
    admit(release.version());
    return release;
  }

  /** Throws exit 3 unless the release or build {@code version} may go to this environment. */
  public void admit(String version) {
    enforce(version(version));
  }

  /** Throws exit 3 unless {@code version} (null: a working-tree build) may go here. */
  public void enforce(String version) {
    enforce(project, env, version);
  }

  private String version(String version) {
    if (project.environment(env).getValue().predecessor() == null) {
      return version;
    }
    boolean released =
        new ManifestReleaseCatalog(project.dir().resolve("releases")).find(version).isPresent();
    return released ? version : null;
  }

  /** Throws exit 3 unless {@code version} (null: a working-tree build) may go to {@code env}. */
  public static void enforce(Project project, String env, String version) {
    Map.Entry<String, EnvironmentConfig> environment = project.environment(env);
    String predecessor = environment.getValue().predecessor();
    if (predecessor == null) {
      return;
    }
    if (version == null) {
      throw OasisException.conflict(
          "environment '"
              + environment.getKey()
              + "' takes only releases that passed on '"
              + predecessor
              + "', not a build of the working tree",
          "Release it (oasis release), deploy that version to "
              + predecessor
              + ", then promote it: oasis deploy VERSION --env "
              + environment.getKey()
              + ".");
    }
    var manifest = new ReleaseRepository(project.dir()).manifest(version);
    Ledger history = new LedgerStore(Deployer.envDir(project, predecessor), predecessor).load();
    PromotionGate.check(manifest, environment, views(history.revisions()))
        .enforce(manifest.version(), predecessor);
  }

  private static List<RevisionView> views(List<Revision> revisions) {
    return revisions.stream()
        .map(
            r -> new RevisionView(r.version(), r.commit(), r.components(), null, r.state().label()))
        .toList();
  }
}
