package oasis.runtime.local;

import java.nio.file.Path;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.state.StateLayout;

/** The files of one environment on the local target, under {@code .oasis/envs/<env>/}. */
final class LocalFiles {

  private final Path dir;

  LocalFiles(Path envDir) {
    this.dir = envDir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  Path desiredFile() {
    return dir.resolve("desired.json");
  }

  Path stateFile() {
    return dir.resolve("state.json");
  }

  Path portsFile() {
    return dir.resolve("ports.json");
  }

  Path supervisorLog() {
    return dir.resolve("logs").resolve("supervisor.log");
  }

  Path log(String instance) {
    return dir.resolve("logs").resolve(instance + ".log");
  }

  Path work(String instance) {
    return dir.resolve("work").resolve(instance);
  }

  /** Class-data sharing archives of the artifacts: next to the artifact store, shared by envs. */
  Path classData() {
    return StateLayout.at(dir.getParent().getParent()).artifacts().resolve("cds");
  }

  Path data(String instance) {
    return dir.resolve("data").resolve(instance);
  }

  LocalDesired readDesired() {
    return Json.read(desiredFile(), LocalDesired.class);
  }

  /** Written readable by the owner only: the environment may carry secrets from its .env. */
  void writeDesired(LocalDesired desired) {
    AtomicFiles.write(desiredFile(), Json.bytes(desired), true);
  }

  SupervisorState readState() {
    return Json.read(stateFile(), SupervisorState.class);
  }

  void writeState(SupervisorState state) {
    Json.write(stateFile(), state);
  }
}
