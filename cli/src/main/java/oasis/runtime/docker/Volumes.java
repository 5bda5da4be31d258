package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Named volumes of an environment (the broker's log dir), labelled {@code oasis.env}: kept when a
 * container is replaced or the environment redeployed, removed by {@code oasis down}.
 */
final class Volumes {

  private Volumes() {}

  static void ensure(DockerClient docker, String name, Map<String, String> labels) {
    try {
      docker.inspectVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      Map<String, String> ours = new TreeMap<>();
      ours.put("oasis.env", labels.get("oasis.env"));
      ours.put("oasis.component", labels.get("oasis.component"));
      docker.createVolumeCmd().withName(name).withLabels(ours).exec();
    }
  }

  /** Removes every volume labelled with {@code env} (after its containers are gone). */
  static void removeAll(DockerClient docker, String env, Consumer<String> progress) {
    List<InspectVolumeResponse> volumes =
        docker
            .listVolumesCmd()
            .withFilter("label", List.of("oasis.env=" + env))
            .exec()
            .getVolumes();
    if (volumes == null) {
      return;
    }
    for (InspectVolumeResponse v : volumes) {
      try {
        docker.removeVolumeCmd(v.getName()).exec();
        progress.accept("  removed volume " + v.getName());
      } catch (NotFoundException gone) {
        // removed meanwhile
      }
    }
  }
}
