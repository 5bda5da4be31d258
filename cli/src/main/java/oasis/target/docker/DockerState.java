package oasis.target.docker;

import java.util.List;

/**
 * What the docker target last applied to an environment ({@code .oasis/envs/<env>/docker.json}):
 * the containers it must observe and the notes of the plan.
 */
record DockerState(List<ContainerSpec> containers, List<String> notes) {

  DockerState {
    containers = containers == null ? List.of() : List.copyOf(containers);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
