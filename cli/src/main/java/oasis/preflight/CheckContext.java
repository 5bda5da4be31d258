package oasis.preflight;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.release.ReleaseDocument;
import oasis.release.ReleaseRepository;
import org.semver4j.Semver;

/**
 * What a check looks at: the project, the target environment, the release being deployed (if any),
 * the releases, the artifact store, the clock and the tools on the search path.
 */
public record CheckContext(
    Project project,
    String environment,
    EnvironmentConfig env,
    Optional<ReleaseDocument> release,
    ReleaseRepository releases,
    ArtifactPresence store,
    Clock clock,
    List<Path> toolPath) {

  public CheckContext {
    toolPath = List.copyOf(toolPath);
  }

  /** The context for {@code environment} (null: the default one) of {@code project}. */
  public static CheckContext of(
      Project project, String environment, Semver release, Clock clock, List<Path> toolPath) {
    var env = project.environment(environment);
    ReleaseRepository releases = new ReleaseRepository(project.dir());
    return new CheckContext(
        project,
        env.getKey(),
        env.getValue(),
        Optional.ofNullable(release).map(releases::document),
        releases,
        ArtifactPresence.of(project.stateDir()),
        clock,
        toolPath);
  }

  /** The directories of the {@code PATH} environment variable. */
  public static List<Path> systemPath() {
    String path = System.getenv("PATH");
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return dirs;
  }

  public Path dir() {
    return project.dir();
  }

  /** A project path as reports show it: relative to the project directory. */
  public Path relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(dir()) ? dir().relativize(abs) : file;
  }

  /** Kubernetes targets and any environment named production get the production rules. */
  public boolean productionLike() {
    return "kubernetes".equals(env.target()) || "production".equals(environment);
  }

  /** The executable {@code name} on the tool path, if any. */
  public Optional<Path> tool(String name) {
    if (name.contains("/")) {
      Path p = dir().resolve(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    return toolPath.stream()
        .map(d -> d.resolve(name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
