package oasis.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The images a cluster target runs, in a registry and referenced by digest. The build makes and
 * pushes them ({@code oasis.artifact.image}); a target only asks for their references.
 */
public interface RegistryImages {

  /**
   * The reference by digest of each service instance's image that was pushed to {@code registry}
   * from here before, by instance name; instances never pushed are left out. No engine needed.
   */
  Map<String, String> known(String registry, List<PlannedInstance> services);

  /**
   * Every service instance's reference by digest, by instance name: its image built on this
   * machine's Docker engine and pushed to {@code registry} unless it was before.
   */
  Map<String, String> push(
      String registry, List<PlannedInstance> services, Consumer<String> progress);
}
