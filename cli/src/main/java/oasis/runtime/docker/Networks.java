package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;

/** The bridge network of an environment, labelled {@code oasis.env}. */
final class Networks {

  private Networks() {}

  static void ensure(DockerClient docker, String name, String env) {
    try {
      docker.inspectNetworkCmd().withNetworkId(name).exec();
    } catch (NotFoundException e) {
      docker
          .createNetworkCmd()
          .withName(name)
          .withDriver("bridge")
          .withLabels(Map.of("oasis.env", env))
          .exec();
    }
  }

  static void remove(DockerClient docker, String name) {
    try {
      docker.removeNetworkCmd(name).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }
}
