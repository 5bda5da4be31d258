package oasis.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import oasis.core.OasisException;

/**
 * The variables each service reads, from {@code environments/variables.yaml}: a {@code --set} of a
 * variable no component reads would be recorded and silently ignored, so it is refused.
 */
public final class ServiceVariables {

  public static final String FILE = "environments/variables.yaml";

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Doc(List<Variable> variables) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Variable(String name, List<String> services) {}

  private ServiceVariables() {}

  /**
   * Checks each {@code COMPONENT.VAR=VALUE}: VAR must be a variable COMPONENT reads (exit 2 with
   * the nearest names). Projects without {@code variables.yaml} declare nothing to check against.
   */
  public static void check(Project project, List<String> sets) {
    Path file = project.dir().resolve(FILE);
    if (sets == null || sets.isEmpty() || !Files.isRegularFile(file)) {
      return;
    }
    Doc doc = YamlFiles.read(project.dir(), file, Doc.class).value();
    for (String set : sets) {
      int dot = set.indexOf('.');
      int eq = set.indexOf('=');
      if (dot < 1 || eq < dot) {
        continue; // malformed: the deploy engine says how to write it
      }
      String component = set.substring(0, dot);
      String var = set.substring(dot + 1, eq);
      Set<String> reads = new TreeSet<>();
      if (doc != null && doc.variables() != null) {
        for (Variable v : doc.variables()) {
          if (v.services() != null && v.services().contains(component)) {
            reads.add(v.name());
          }
        }
      }
      if (reads.isEmpty() || reads.contains(var)) {
        continue;
      }
      List<String> nearest =
          reads.stream().sorted(Comparator.comparingInt(r -> distance(r, var))).limit(3).toList();
      throw OasisException.badInput(
          "--set "
              + component
              + "."
              + var
              + ": "
              + component
              + " reads no variable "
              + var
              + " ("
              + FILE
              + ")",
          "Did you mean: " + String.join(", ", nearest) + "?");
    }
  }

  /** Levenshtein distance: how far a typo is from a name. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
