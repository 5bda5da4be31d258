package oasis.runtime;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The images a container target runs. The build makes and names them ({@code
 * oasis.artifact.image}); a target only asks for their references, so it never builds an image and
 * every container target runs the same ones.
 */
public interface ContainerImages {

  /** The image reference each instance of {@code plan} runs, by instance name; no engine needed. */
  Map<String, String> refs(Plan plan);

  /**
   * The same references, each image present on the engine first: built when its inputs changed,
   * pulled when it is configured and missing.
   */
  Map<String, String> ensure(Plan plan, Consumer<String> progress);

  /** Whether a Redis image can be had here (a configured one, or one built from redis-server). */
  boolean redisAvailable();
}
