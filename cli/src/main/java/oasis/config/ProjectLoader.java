package oasis.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oasis.core.OasisException;

/** Reads {@code oasis.yaml} into typed records and rejects anything it cannot trust. */
public final class ProjectLoader {

  public static final String FILE_NAME = "oasis.yaml";

  private ProjectLoader() {}

  /** Loads and validates {@code dir/oasis.yaml}; a bad file throws {@link ConfigException}. */
  public static Project load(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw OasisException.badInput(
          "no " + FILE_NAME + " in " + dir,
          "Run oasis inside an Oasis project, or pass --project-dir DIR.");
    }
    YamlFiles.Parsed<ProjectConfig> parsed = YamlFiles.read(dir, file, ProjectConfig.class);
    ProjectConfig config = parsed.value();
    if (config == null) {
      throw new ConfigException(
          dir,
          List.of(
              new Problem(file, 1, "the file is empty", "Declare components and environments.")));
    }
    List<Problem> problems = new ProjectValidator(file, config, parsed.positions()).validate();
    if (!problems.isEmpty()) {
      throw new ConfigException(dir, problems);
    }
    return new Project(dir, file, config);
  }
}
