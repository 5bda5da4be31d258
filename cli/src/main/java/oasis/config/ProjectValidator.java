package oasis.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the relations inside a parsed {@code oasis.yaml}: references, ports, cycles. */
final class ProjectValidator {

  static final Set<String> TARGETS = Set.of("local", "docker", "kubernetes");
  static final Set<String> INFRASTRUCTURE_KINDS = Set.of("kafka", "redis");
  static final Set<String> KAFKA_PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  static final Set<String> BUMPS = Set.of("major", "minor", "patch", "none");

  private final Path file;
  private final ProjectConfig config;
  private final YamlPositions positions;
  private final List<Problem> problems = new ArrayList<>();

  ProjectValidator(Path file, ProjectConfig config, YamlPositions positions) {
    this.file = file;
    this.config = config;
    this.positions = positions;
  }

  List<Problem> validate() {
    if (config.components().isEmpty()) {
      report(
          "components", "no components are declared", "declare the services under 'components:'");
    }
    components();
    infrastructure();
    ports();
    cycles();
    environments();
    release();
    smoke();
    return problems;
  }

  private void components() {
    config
        .components()
        .forEach(
            (name, component) -> {
              String at = "components/" + name;
              if (component == null) {
                report(at, "component '" + name + "' is empty", "give it a module and a mainClass");
                return;
              }
              if (blank(component.module())) {
                report(
                    at,
                    "component '" + name + "' has no module",
                    "set 'module: services/" + name + "'");
              }
              if (blank(component.mainClass())) {
                report(
                    at,
                    "component '" + name + "' has no mainClass",
                    "set the class its module runs");
              }
              dependencies(at, name, component.dependsOn());
              resources(at, name, component.resources());
            });
  }

  private void resources(String at, String owner, Resources resources) {
    if (resources == null) {
      return;
    }
    for (String problem : resources.problems()) {
      report(
          at + "/resources",
          "resources of '" + owner + "': " + problem,
          "write e.g. resources: {memory: 512m, cpus: 0.5}");
    }
  }

  private void infrastructure() {
    config
        .infrastructure()
        .forEach(
            (name, infra) -> {
              String at = "infrastructure/" + name;
              if (infra == null || !INFRASTRUCTURE_KINDS.contains(infra.kind())) {
                report(
                    at + "/kind",
                    "infrastructure '"
                        + name
                        + "' has kind '"
                        + (infra == null ? null : infra.kind())
                        + "'",
                    "use one of: " + String.join(", ", sorted(INFRASTRUCTURE_KINDS)));
                return;
              }
              infra
                  .topics()
                  .forEach(
                      (topic, settings) -> {
                        if (settings == null
                            || settings.partitions() == null
                            || settings.partitions() < 1) {
                          report(
                              at + "/topics/" + topic,
                              "topic '" + topic + "' needs a partition count of at least 1",
                              "set 'partitions: 3'");
                        }
                      });
              dependencies(at, name, infra.dependsOn());
              resources(at, name, infra.resources());
            });
  }

  private void dependencies(String at, String owner, List<String> dependsOn) {
    for (int i = 0; i < dependsOn.size(); i++) {
      String dep = dependsOn.get(i);
      if (owner.equals(dep)) {
        report(
            at + "/dependsOn/" + i,
            "'" + owner + "' depends on itself",
            "remove it from dependsOn");
      } else if (!config.components().containsKey(dep)
          && !config.infrastructure().containsKey(dep)) {
        report(
            at + "/dependsOn/" + i,
            "'" + owner + "' depends on unknown '" + dep + "'",
            "use one of: " + String.join(", ", sorted(nodes().keySet())));
      }
    }
  }

  private void ports() {
    record Use(String owner, String name, String path) {}
    Map<Integer, Use> seen = new HashMap<>();
    Map<String, Map<String, Integer>> owners = new LinkedHashMap<>();
    config
        .components()
        .forEach((n, c) -> owners.put("components/" + n, c == null ? Map.of() : c.ports()));
    config
        .infrastructure()
        .forEach((n, i) -> owners.put("infrastructure/" + n, i == null ? Map.of() : i.ports()));
    owners.forEach(
        (owner, ports) ->
            ports.forEach(
                (name, port) -> {
                  String path = owner + "/ports/" + name;
                  String who = owner.substring(owner.indexOf('/') + 1);
                  if (port == null || port < 1 || port > 65535) {
                    report(
                        path,
                        "port '" + name + "' of '" + who + "' is " + port,
                        "use a port from 1 to 65535");
                    return;
                  }
                  Use first = seen.putIfAbsent(port, new Use(who, name, path));
                  if (first != null) {
                    report(
                        path,
                        "port "
                            + port
                            + " ('"
                            + name
                            + "' of '"
                            + who
                            + "') is already used by '"
                            + first.name()
                            + "' of '"
                            + first.owner()
                            + "' at line "
                            + positions.line(first.path()),
                        "give one of them another port");
                  }
                }));
  }

  private Map<String, List<String>> nodes() {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    config.infrastructure().forEach((n, i) -> graph.put(n, i == null ? List.of() : i.dependsOn()));
    config.components().forEach((n, c) -> graph.put(n, c == null ? List.of() : c.dependsOn()));
    return graph;
  }

  private void cycles() {
    Map<String, List<String>> graph = nodes();
    Set<String> done = new LinkedHashSet<>();
    for (String start : graph.keySet()) {
      List<String> cycle = findCycle(graph, start, new ArrayList<>(), done);
      if (cycle != null) {
        String first = cycle.get(0);
        String section = config.components().containsKey(first) ? "components/" : "infrastructure/";
        report(
            section + first + "/dependsOn",
            "dependency cycle: " + String.join(" -> ", cycle),
            "remove one of these dependencies so that a start order exists");
        return;
      }
    }
  }

  private static List<String> findCycle(
      Map<String, List<String>> graph, String node, List<String> stack, Set<String> done) {
    int at = stack.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node) || !graph.containsKey(node)) {
      return null;
    }
    stack.add(node);
    for (String dep : graph.get(node)) {
      List<String> cycle = findCycle(graph, dep, stack, done);
      if (cycle != null) {
        return cycle;
      }
    }
    stack.remove(stack.size() - 1);
    done.add(node);
    return null;
  }

  private void environments() {
    if (config.environments().isEmpty()) {
      report("environments", "no environments are declared", "declare at least 'staging'");
      return;
    }
    if (blank(config.defaultEnvironment())) {
      report(
          "defaultEnvironment",
          "defaultEnvironment is not set",
          "set 'defaultEnvironment: staging'");
    } else if (!config.environments().containsKey(config.defaultEnvironment())) {
      report(
          "defaultEnvironment",
          "defaultEnvironment '" + config.defaultEnvironment() + "' is not declared",
          "use one of: " + String.join(", ", config.environments().keySet()));
    }
    EnvironmentValidator environments = new EnvironmentValidator(config, this::report);
    config.environments().forEach(environments::validate);
  }

  private void release() {
    ReleaseConfig release = config.release();
    release
        .bumps()
        .forEach(
            (type, bump) -> {
              if (!type.matches("[a-z][a-z0-9-]*")) {
                report(
                    "release/bumps/" + type,
                    "commit type '" + type + "' is not a Conventional Commits type",
                    "use a word of letters, digits and '-', such as 'docs'");
              }
              if (!BUMPS.contains(bump)) {
                report(
                    "release/bumps/" + type,
                    "commit type '" + type + "' bumps '" + bump + "'",
                    "use one of: " + String.join(", ", sorted(BUMPS)));
              }
            });
    if (!Set.of("minor", "major").contains(release.breakingWhileZero())) {
      report(
          "release/breakingWhileZero",
          "breakingWhileZero is '" + release.breakingWhileZero() + "'",
          "use 'minor' (0.x: a breaking change bumps the minor) or 'major'");
    }
    if (blank(release.notesTemplate())) {
      report(
          "release/notesTemplate",
          "notesTemplate is empty",
          "set it to " + ReleaseConfig.DEFAULT_TEMPLATE);
    }
  }

  private void smoke() {
    SmokeConfig smoke = config.smoke();
    if (smoke.maxErrorRate() < 0 || smoke.maxErrorRate() > 1 || smoke.maxErrorRate().isNaN()) {
      report(
          "smoke/maxErrorRate",
          "maxErrorRate " + smoke.maxErrorRate() + " is not a share of calls",
          "use a number from 0 to 1, e.g. 0.01 for 1% (default)");
    }
    if (smoke.maxConsumerLag() < 0) {
      report(
          "smoke/maxConsumerLag",
          "maxConsumerLag " + smoke.maxConsumerLag() + " is negative",
          "use a number of messages, e.g. " + SmokeConfig.DEFAULT_MAX_CONSUMER_LAG + " (default)");
    }
    duration("smoke/probeTimeout", "probeTimeout", smoke.probeTimeout());
    if (!smoke.symbol().matches("[A-Z0-9]+-[A-Z0-9]+")) {
      report(
          "smoke/symbol",
          "symbol '" + smoke.symbol() + "' is not a product id",
          "write it like " + SmokeConfig.DEFAULT_SYMBOL);
    }
    if (!validQuantity(smoke.quantity())) {
      report(
          "smoke/quantity",
          "quantity '" + smoke.quantity() + "' is not a positive decimal with at most 8 decimals",
          "quote it as a string, e.g. \"" + SmokeConfig.DEFAULT_QUANTITY + "\"");
    }
    smoke
        .latency()
        .forEach(
            (component, budget) -> {
              String at = "smoke/latency/" + component;
              if (!config.components().containsKey(component)) {
                report(
                    at,
                    "latency budget for unknown component '" + component + "'",
                    "use one of: " + String.join(", ", config.components().keySet()));
              }
              if (budget == null || blank(budget.metric()) || blank(budget.p95())) {
                report(
                    at,
                    "latency budget of '" + component + "' needs a metric and a p95",
                    "write {metric: risk_validation_duration_seconds, p95: 500ms}");
                return;
              }
              if (!budget.metric().matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                report(
                    at + "/metric",
                    "'" + budget.metric() + "' is not a Prometheus metric name",
                    "name a histogram the component exports, e.g. risk_validation_duration_seconds");
              }
              duration(at + "/p95", "p95 of '" + component + "'", budget.p95());
            });
  }

  private void duration(String path, String what, String text) {
    try {
      oasis.core.Durations.parse(text);
    } catch (oasis.core.OasisException e) {
      report(path, what + " '" + text + "' is not a duration", "write it like 500ms, 5s or 1m");
    }
  }

  private static boolean validQuantity(String quantity) {
    try {
      java.math.BigDecimal q = new java.math.BigDecimal(quantity);
      return q.signum() > 0 && q.stripTrailingZeros().scale() <= 8;
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  private void report(String path, String message, String fix) {
    problems.add(new Problem(file, positions.line(path), message, fix));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
