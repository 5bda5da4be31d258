package oasis.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oasis.config.ComponentConfig;

/**
 * The changes of a release for its notes: breaking ones first, then by type and component. The
 * component is the commit's scope, else the components whose module paths the commit changed.
 */
final class ChangeLog {

  static final String GENERAL = "general";
  static final String OTHER = "other";
  private static final List<String> TYPE_ORDER = List.of("feat", "fix", "perf", "revert");
  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("feat", "Features"),
          Map.entry("fix", "Bug fixes"),
          Map.entry("perf", "Performance"),
          Map.entry("revert", "Reverts"),
          Map.entry("docs", "Documentation"),
          Map.entry("refactor", "Refactoring"),
          Map.entry("test", "Tests"),
          Map.entry("build", "Build"),
          Map.entry("ci", "Continuous integration"),
          Map.entry("chore", "Chores"),
          Map.entry("style", "Style"),
          Map.entry(OTHER, "Other"));

  /** One change: its type, components, description and commit. */
  record Entry(
      String type,
      List<String> components,
      String description,
      String commit,
      List<String> breakingNotes,
      List<String> upgradeNotes) {}

  private ChangeLog() {}

  /** Entries of the conventional changes, with their components resolved. */
  static List<Entry> entries(
      List<NextVersion.Change> changes,
      GitRepo repo,
      Path projectDir,
      Map<String, ComponentConfig> components) {
    Map<String, String> modules = new LinkedHashMap<>();
    components.forEach(
        (name, c) -> modules.put(c.module().replace('\\', '/').replaceAll("/+$", "") + "/", name));
    String base = repo.workTree().relativize(projectDir.toAbsolutePath().normalize()).toString();
    String prefix = base.isEmpty() ? "" : base.replace('\\', '/') + "/";
    List<Entry> entries = new ArrayList<>();
    for (NextVersion.Change change : changes) {
      ConventionalCommit message = change.message();
      List<String> names =
          message.scope() != null
              ? List.of(message.scope())
              : componentsOf(
                  projectPaths(repo.changedPaths(change.commit().id()), prefix), modules);
      List<String> upgrade =
          message.footers().stream()
              .filter(f -> f.token().toLowerCase(Locale.ROOT).startsWith("upgrade"))
              .map(ConventionalCommit.Footer::value)
              .toList();
      entries.add(
          new Entry(
              message.type(),
              names,
              message.description(),
              change.commit().shortId(),
              message.breaking() ? message.breakingNotes() : List.of(),
              upgrade));
    }
    return entries;
  }

  private static Set<String> projectPaths(Set<String> paths, String prefix) {
    Set<String> inside = new LinkedHashSet<>();
    for (String p : paths) {
      if (p.startsWith(prefix)) {
        inside.add(p.substring(prefix.length()));
      }
    }
    return inside;
  }

  static List<String> componentsOf(Set<String> paths, Map<String, String> modules) {
    Set<String> found = new LinkedHashSet<>();
    for (String path : paths) {
      modules.forEach(
          (prefix, name) -> {
            if (path.startsWith(prefix)) {
              found.add(name);
            }
          });
      if (path.startsWith("services/") && path.indexOf('/', 9) > 9) {
        String dir = path.substring(9, path.indexOf('/', 9));
        if (!modules.containsValue(dir) && modules.keySet().stream().noneMatch(path::startsWith)) {
          found.add(dir);
        }
      }
    }
    return found.isEmpty() ? List.of(GENERAL) : found.stream().sorted().toList();
  }

  /** Breaking changes and their impacts, for the top of the notes. */
  static List<Map<String, Object>> breaking(List<Entry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Entry e : entries) {
      for (String note : e.breakingNotes()) {
        out.add(
            Map.of(
                "components", String.join(", ", e.components()),
                "description", e.description(),
                "impact", note,
                "commit", e.commit()));
      }
    }
    return out;
  }

  /** Changes grouped by type (features, fixes, ... then the rest), then by component. */
  static List<Map<String, Object>> groups(List<Entry> entries) {
    Map<String, Map<String, List<Map<String, Object>>>> byType = new TreeMap<>(ChangeLog::order);
    for (Entry e : entries) {
      // Once per commit: a change to several components is listed under all of them together.
      byType
          .computeIfAbsent(section(e.type()), t -> new TreeMap<>())
          .computeIfAbsent(String.join(", ", e.components()), c -> new ArrayList<>())
          .add(
              Map.of(
                  "description", e.description(),
                  "commit", e.commit(),
                  "breaking", !e.breakingNotes().isEmpty()));
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    byType.forEach(
        (type, components) -> {
          List<Map<String, Object>> comps = new ArrayList<>();
          components.forEach(
              (name, changes) -> comps.add(Map.of("name", name, "changes", changes)));
          groups.add(Map.of("type", type, "title", title(type), "components", comps));
        });
    return groups;
  }

  /**
   * The section of a commit type: Conventional Commit types make their own; any other {@code Word:}
   * prefix ({@code Readme:}, {@code Tests:}) goes under one "Other" section.
   */
  static String section(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    return TITLES.containsKey(lower) ? lower : OTHER;
  }

  private static int order(String a, String b) {
    if (a.equals(OTHER) || b.equals(OTHER)) {
      return a.equals(b) ? 0 : a.equals(OTHER) ? 1 : -1;
    }
    int ia = TYPE_ORDER.indexOf(a);
    int ib = TYPE_ORDER.indexOf(b);
    ia = ia < 0 ? TYPE_ORDER.size() : ia;
    ib = ib < 0 ? TYPE_ORDER.size() : ib;
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  private static String title(String type) {
    return TITLES.getOrDefault(
        type, type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1));
  }
}
