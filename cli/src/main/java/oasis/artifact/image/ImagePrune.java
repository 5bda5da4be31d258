package oasis.artifact.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.Revision;
import oasis.state.StateLayout;

/**
 * Removes old images of this project ({@code oasis build --images --keep-images N}): per component
 * (and for the Kafka, Redis and JRE images) the newest {@code N} stay, and so does every image that
 * a container uses (running or stopped, any environment), whose artifact the current, last healthy,
 * rollback-target or in-flight revision of any environment of this project runs, or that this build
 * just made or found. Only images labelled with this project ({@code oasis.project}) are looked at:
 * other checkouts' images, and images of other tools, are never touched; nothing is forced.
 */
public final class ImagePrune {

  /** One image of this project, as the engine lists it. */
  record Candidate(String id, List<String> tags, String component, String artifact, long created) {}

  /** What was removed, and what was kept although old, with why. */
  public record Outcome(List<String> removed, Map<String, String> kept) {}

  private ImagePrune() {}

  /**
   * The images to remove: beyond the newest {@code keep} of their component, and not protected.
   * Base images (component {@code jre}) come last, after the images built on them.
   */
  static List<Candidate> select(
      List<Candidate> ours, int keep, Set<String> protectedArtifacts, Set<String> protectedIds) {
    Map<String, List<Candidate>> byComponent = new TreeMap<>();
    for (Candidate c : ours) {
      byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> out = new ArrayList<>();
    List<Candidate> bases = new ArrayList<>();
    byComponent.forEach(
        (component, images) -> {
          images.sort(Comparator.comparingLong(Candidate::created).reversed());
          for (Candidate c : images.subList(Math.min(keep, images.size()), images.size())) {
            if (protectedIds.contains(c.id())
                || c.artifact() != null && protectedArtifacts.contains(c.artifact())) {
              continue;
            }
            ("jre".equals(component) ? bases : out).add(c);
          }
        });
    out.addAll(bases);
    return out;
  }

  /**
   * @param current the images this build uses (ids), kept whatever their age
   */
  public static Outcome prune(
      DockerClient docker,
      Project project,
      int keep,
      Set<String> current,
      Consumer<String> progress) {
    List<Candidate> ours = new ArrayList<>();
    for (Image i :
        docker
            .listImagesCmd()
            .withLabelFilter(Map.of(Images.PROJECT_LABEL, Images.projectId(project.dir())))
            .exec()) {
      Map<String, String> labels = i.getLabels() == null ? Map.of() : i.getLabels();
      ours.add(
          new Candidate(
              i.getId(),
              i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()),
              labels.getOrDefault("oasis.component", "?"),
              labels.get("oasis.artifact"),
              i.getCreated() == null ? 0 : i.getCreated()));
    }
    Set<String> ids = new HashSet<>(current);
    for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
      ids.add(c.getImageId());
    }
    Set<String> artifacts = protectedArtifacts(project);
    List<String> removed = new ArrayList<>();
    Map<String, String> kept = new LinkedHashMap<>();
    for (Candidate c : select(ours, keep, artifacts, ids)) {
      String name = c.tags().isEmpty() ? c.id() : c.tags().get(0);
      try {
        // by tag: an image with another tag (someone else's name for it) only loses ours
        for (String ref : c.tags().isEmpty() ? List.of(c.id()) : c.tags()) {
          docker.removeImageCmd(ref).withForce(false).exec();
        }
        removed.add(name);
        progress.accept("  removed image " + name + " (older than the newest " + keep + ")");
      } catch (ConflictException e) {
        kept.put(name, OasisException.rootMessage(e));
        progress.accept("  kept image " + name + ": " + OasisException.rootMessage(e));
      } catch (NotFoundException gone) {
        // removed meanwhile
      }
    }
    return new Outcome(removed, kept);
  }

  /** Artifacts any environment of the project runs or may go back to. */
  static Set<String> protectedArtifacts(Project project) {
    Set<String> out = new HashSet<>();
    for (String env : project.config().environments().keySet()) {
      Ledger ledger = new LedgerStore(StateLayout.at(project.stateDir()).envDir(env), env).load();
      Stream.of(
              ledger.currentRevision(),
              ledger.lastHealthy(),
              ledger.rollbackTarget(),
              ledger.inFlight())
          .flatMap(Optional::stream)
          .forEach(
              (Revision r) -> {
                out.addAll(r.components().values());
                out.addAll(r.infrastructure().values());
              });
    }
    return out;
  }
}
