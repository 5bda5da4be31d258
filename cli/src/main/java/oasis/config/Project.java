package oasis.config;

import java.nio.file.Path;
import java.util.Map;
import oasis.core.OasisException;
import oasis.state.StateLayout;

/** A loaded, validated project: its directory and its {@code oasis.yaml}. */
public record Project(Path dir, Path file, ProjectConfig config) {

  /** The named environment, or the default one when {@code name} is null. */
  public Map.Entry<String, EnvironmentConfig> environment(String name) {
    String wanted = name == null ? config.defaultEnvironment() : name;
    EnvironmentConfig env = config.environments().get(wanted);
    if (env == null) {
      throw OasisException.badInput(
          "unknown environment '" + wanted + "' (" + dir.relativize(file) + ")",
          "Use one of: " + String.join(", ", config.environments().keySet()) + ".");
    }
    return Map.entry(wanted, env);
  }

  /** The project's state directory, {@code .oasis/} (ignored by git). */
  public Path stateDir() {
    return stateDir(dir);
  }

  /** Every path under the project's state directory. */
  public StateLayout state() {
    return StateLayout.ofProject(dir);
  }

  /** The state directory of the project in {@code projectDir}, without loading it. */
  public static Path stateDir(Path projectDir) {
    return StateLayout.ofProject(projectDir).root();
  }
}
