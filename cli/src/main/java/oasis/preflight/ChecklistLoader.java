package oasis.preflight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import oasis.config.ConfigException;
import oasis.config.Problem;
import oasis.config.YamlFiles;

/**
 * Reads the checklists {@code checklists/*.yaml} into runnable items; anything malformed throws
 * {@link ConfigException} (exit 2) naming file and line.
 */
public final class ChecklistLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** One checklist file. */
  record ChecklistFile(List<Item> checks) {}

  /** One item as written. */
  record Item(
      String id,
      String title,
      Severity severity,
      String check,
      Map<String, Object> with,
      List<WaiverItem> waivers) {}

  /** A waiver as written. */
  record WaiverItem(String reason, String expires) {}

  private ChecklistLoader() {}

  /** Every item of every {@code *.yaml} in {@code dir}, in file-name then declaration order. */
  public static List<CheckSpec> load(Path projectDir, Path dir, CheckRegistry registry) {
    List<Path> files;
    try (Stream<Path> list = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      files =
          list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      throw oasis.core.OasisException.badInput(
          "no checklist in " + projectDir.relativize(dir.toAbsolutePath().normalize()),
          "Declare the checks in checklists/*.yaml (see README.md, 'Preflight').");
    }
    List<CheckSpec> specs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, CheckSpec> seen = new HashMap<>();
    for (Path file : files) {
      YamlFiles.Parsed<ChecklistFile> parsed =
          YamlFiles.read(projectDir, file, ChecklistFile.class);
      if (parsed.value() == null || parsed.value().checks() == null) {
        problems.add(
            new Problem(file, 1, "no 'checks:' list", "declare the items under 'checks:'"));
        continue;
      }
      List<Item> items = parsed.value().checks();
      for (int i = 0; i < items.size(); i++) {
        CheckSpec spec = item(parsed, "checks/" + i, items.get(i), registry, problems);
        if (spec == null) {
          continue;
        }
        CheckSpec first = seen.putIfAbsent(spec.id(), spec);
        if (first != null) {
          problems.add(
              new Problem(
                  file,
                  spec.line(),
                  "check id '"
                      + spec.id()
                      + "' is already declared at "
                      + projectDir.relativize(first.file())
                      + ":"
                      + first.line(),
                  "give each check its own id"));
        } else {
          specs.add(spec);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(projectDir, problems);
    }
    return specs;
  }

  private static CheckSpec item(
      YamlFiles.Parsed<ChecklistFile> parsed,
      String at,
      Item item,
      CheckRegistry registry,
      List<Problem> problems) {
    int before = problems.size();
    if (item == null) {
      problems.add(
          parsed.problem(at, "empty checklist item", "give it id, title, severity, check"));
      return null;
    }
    if (item.id() == null || !ID.matcher(item.id()).matches()) {
      problems.add(
          parsed.problem(
              at + "/id",
              "check id '" + item.id() + "' is missing or not lower-case-with-dashes",
              "use e.g. 'id: protobuf-contracts'"));
    }
    if (item.title() == null || item.title().isBlank()) {
      problems.add(parsed.problem(at, "check '" + item.id() + "' has no title", "add 'title:'"));
    }
    if (item.severity() == null) {
      problems.add(
          parsed.problem(at, "check '" + item.id() + "' has no severity", "add 'severity: error'"));
    }
    Check check = check(parsed, at, item, registry, problems);
    List<Waiver> waivers = waivers(parsed, at, item, problems);
    if (problems.size() > before) {
      return null;
    }
    return new CheckSpec(
        item.id(),
        item.title(),
        item.severity(),
        item.check(),
        check,
        waivers,
        parsed.file(),
        parsed.positions().line(at));
  }

  /** The item's check made from its type and parameters; null (and problems) when it cannot be. */
  private static Check check(
      YamlFiles.Parsed<ChecklistFile> parsed,
      String at,
      Item item,
      CheckRegistry registry,
      List<Problem> problems) {
    CheckRegistry.CheckType type = item.check() == null ? null : registry.type(item.check());
    Check check = null;
    if (type == null) {
      problems.add(
          parsed.problem(
              at + "/check",
              "check '" + item.id() + "' names unknown check type '" + item.check() + "'",
              "use one of: " + String.join(", ", registry.types().keySet())));
    } else {
      Map<String, Object> with = item.with() == null ? Map.of() : item.with();
      TreeSet<String> unknown = new TreeSet<>(with.keySet());
      unknown.removeAll(type.parameters());
      for (String key : unknown) {
        problems.add(
            parsed.problem(
                at + "/with/" + key,
                "check type '" + type.name() + "' has no parameter '" + key + "'",
                type.parameters().isEmpty()
                    ? "remove it: this check takes no parameters"
                    : "use one of: " + String.join(", ", new TreeSet<>(type.parameters()))));
      }
      try {
        check = type.factory().apply(Params.of(with));
      } catch (IllegalArgumentException e) {
        problems.add(parsed.problem(at + "/with", e.getMessage(), "fix the parameter's value"));
      }
    }
    return check;
  }

  /** The item's waivers: each with a reason and a date on which it lapses. */
  private static List<Waiver> waivers(
      YamlFiles.Parsed<ChecklistFile> parsed, String at, Item item, List<Problem> problems) {
    List<Waiver> waivers = new ArrayList<>();
    List<WaiverItem> declared = item.waivers() == null ? List.of() : item.waivers();
    for (int w = 0; w < declared.size(); w++) {
      String wat = at + "/waivers/" + w;
      WaiverItem waiver = declared.get(w);
      if (waiver == null || waiver.reason() == null || waiver.reason().isBlank()) {
        problems.add(parsed.problem(wat, "a waiver without a reason", "say why in 'reason:'"));
        continue;
      }
      try {
        waivers.add(
            new Waiver(
                waiver.reason(),
                LocalDate.parse(String.valueOf(waiver.expires())),
                parsed.positions().line(wat)));
      } catch (DateTimeParseException e) {
        problems.add(
            parsed.problem(
                wat + "/expires",
                "waiver expiry '" + waiver.expires() + "' is not a date",
                "write 'expires: 2026-12-31' (a waiver must lapse)"));
      }
    }
    return waivers;
  }
}
