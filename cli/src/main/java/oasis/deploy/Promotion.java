package oasis.deploy;

import java.util.List;
import java.util.Map;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.release.PromotionGate;
import oasis.release.Releases;
import oasis.release.RevisionView;

/**
 * The promotion rule of the deploy: an environment with a predecessor (production after staging)
 * takes only a release whose exact artifacts ran healthy there, and never a working-tree build.
 */
public final class Promotion {

  private Promotion() {}

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
    var manifest = new Releases(project.dir()).find(version);
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
