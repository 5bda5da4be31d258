package oasis.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;

/**
 * The containers the docker target made for one environment, found as the target names and labels
 * them ({@code oasis-<env>-<instance>}, label {@code oasis.env}): what the docker ITs look at.
 *
 * @param docker the engine
 * @param env the environment's name
 */
public record EnvironmentContainers(DockerClient docker, String env) {

  /** The container of {@code instance}, e.g. {@code order-manager} or {@code kafka}. */
  public InspectContainerResponse inspect(String instance) {
    return docker.inspectContainerCmd("oasis-" + env + "-" + instance).exec();
  }

  /** Every container of the environment, running or not. */
  public List<Container> all() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("oasis.env", env))
        .exec();
  }

  /** Removes every container of the environment, forced: what a test leaves after its down. */
  public void removeAll() {
    for (Container c : all()) {
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
  }
}
