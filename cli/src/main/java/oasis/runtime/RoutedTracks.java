package oasis.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Tracks whose split is a routes file the services read live (services/README.md): the weights kept
 * in {@code weights.json}, rendered into routes whenever they change. A target says only how it
 * renders the file (which address each track has) and where a track's instances serve.
 */
public abstract class RoutedTracks implements Tracks {

  protected final TrafficWeights weights;

  protected RoutedTracks(Path envDir) {
    this.weights = new TrafficWeights(envDir);
  }

  @Override
  public final void setWeight(String track, int weight, Collection<String> components) {
    weights.set(track, weight, components);
    render();
  }

  /** The weights in force: component to track to percent (stable has the rest). */
  public final Map<String, Map<String, Integer>> weights() {
    return weights.read();
  }

  /** Writes the routes file from the weights and what runs now. */
  protected abstract void render();

  /**
   * The endpoints of {@code component}'s instances on {@code track} serving the port named {@code
   * port}, as {@code endpoint} gives them (null: none).
   */
  protected static <S> List<String> served(
      List<S> instances,
      java.util.function.Function<S, InstanceLaunch> launch,
      String component,
      String track,
      String port,
      java.util.function.Function<S, String> endpoint) {
    return instances.stream()
        .filter(s -> launch.apply(s).serves(component, track, port))
        .map(endpoint)
        .filter(java.util.Objects::nonNull)
        .toList();
  }
}
