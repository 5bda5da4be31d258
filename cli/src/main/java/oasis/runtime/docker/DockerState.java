package oasis.runtime.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import oasis.core.AtomicFiles;
import oasis.core.Json;

/**
 * What the docker target last applied to an environment ({@code .oasis/envs/<env>/docker.json}):
 * the containers it must observe and the notes of the plan.
 */
record DockerState(List<ContainerSpec> containers, List<String> notes) {

  static final String FILE = "docker.json";

  DockerState {
    containers = containers == null ? List.of() : List.copyOf(containers);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The state of {@code envDir}, or null when nothing was applied there (or it was taken down). */
  static DockerState read(Path envDir) {
    return Json.read(envDir.resolve(FILE), DockerState.class);
  }

  /** Owner-only: the specs carry the .env's values that containers get at run time. */
  void write(Path envDir) {
    AtomicFiles.write(envDir.resolve(FILE), Json.bytes(this), true);
  }

  Optional<ContainerSpec> instance(String name) {
    return containers.stream().filter(s -> s.instance().equals(name)).findFirst();
  }
}
