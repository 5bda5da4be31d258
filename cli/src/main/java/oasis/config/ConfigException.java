package oasis.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import oasis.core.OasisException;

/** A project file that cannot be used: exits 2 and lists every problem with file and line. */
public final class ConfigException extends OasisException {

  private final List<Problem> problems;

  public ConfigException(Path base, List<Problem> problems) {
    super(Kind.BAD_INPUT, describe(base, problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(Path base, List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).format(base);
    }
    return problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  " + p.format(base)).collect(Collectors.joining("\n"));
  }
}
