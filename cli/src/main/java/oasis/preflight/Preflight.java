package oasis.preflight;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.release.SemVersions;
import org.semver4j.Semver;

/** The preflight engine: loads the checklists, picks the items, runs them for one environment. */
public final class Preflight {

  /** Where the checklists live, relative to the project directory. */
  public static final String CHECKLISTS = "checklists";

  /**
   * What to run.
   *
   * @param environment the target environment; null for the default one
   * @param release the version being deployed ({@code 1.2.3} or {@code v1.2.3}); null for none
   * @param only check ids to run; empty for all
   * @param strict whether warnings fail too
   */
  public record Options(String environment, String release, List<String> only, boolean strict) {
    public Options {
      only = only == null ? List.of() : List.copyOf(only);
    }
  }

  private Preflight() {}

  /** Runs the checklist with the real clock, tools from PATH and the standard checks. */
  public static PreflightReport run(Project project, Options options) {
    return run(
        project, options, CheckRegistry.standard(), Clock.systemUTC(), CheckContext.systemPath());
  }

  public static PreflightReport run(
      Project project, Options options, CheckRegistry registry, Clock clock, List<Path> toolPath) {
    Semver release =
        options.release() == null ? null : SemVersions.parse(options.release(), "--release");
    List<CheckSpec> specs =
        ChecklistLoader.load(project.dir(), project.dir().resolve(CHECKLISTS), registry);
    List<CheckSpec> chosen = select(specs, options.only());
    CheckContext context =
        CheckContext.of(project, options.environment(), release, clock, toolPath);
    return PreflightRunner.run(
        chosen, context, release == null ? null : release.getVersion(), options.strict());
  }

  private static List<CheckSpec> select(List<CheckSpec> specs, List<String> only) {
    if (only.isEmpty()) {
      return specs;
    }
    Set<String> wanted = new LinkedHashSet<>(only);
    List<String> unknown = new ArrayList<>();
    for (String id : wanted) {
      if (specs.stream().noneMatch(s -> s.id().equals(id))) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw OasisException.badInput(
          "unknown check id " + String.join(", ", unknown) + " in --only",
          "Use one of: " + String.join(", ", specs.stream().map(CheckSpec::id).toList()) + ".");
    }
    return specs.stream().filter(s -> wanted.contains(s.id())).toList();
  }
}
