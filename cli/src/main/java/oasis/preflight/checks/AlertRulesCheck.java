package oasis.preflight.checks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import oasis.config.YamlPositions;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Prometheus rules valid: every rule file passes {@code promtool check rules} (run as a process;
 * without promtool the check warns, never passes), names only catalogued metrics, and the alerts
 * the operations guide asks for exist with the expressions it describes.
 */
public final class AlertRulesCheck implements Check {

  public static final Set<String> PARAMETERS =
      Set.of("rules", "catalogue", "promtool", "requiredAlerts");
  private static final Pattern LOCATED = Pattern.compile("^(.+?): (\\d+):(\\d+): (.*)$");
  private static final Pattern YAML_LINE = Pattern.compile("^\\s*line (\\d+): (.*)$");

  private final String rules;
  private final String catalogue;
  private final String promtool;
  private final List<RequiredAlert> requiredAlerts;

  /** An alert the guide asks for: its name and regexes its expression must match. */
  record RequiredAlert(String alert, List<Pattern> mentions, String purpose) {}

  public AlertRulesCheck(Params params) {
    this.rules = params.string("rules", "templates/observability/alerts");
    this.catalogue = params.string("catalogue", "templates/observability/metrics.yaml");
    this.promtool = params.string("promtool", "promtool");
    List<RequiredAlert> required = new ArrayList<>();
    for (Map<String, Object> m : params.maps("requiredAlerts")) {
      Params p = Params.of(m);
      String alert = p.string("alert", null);
      if (alert == null) {
        throw new IllegalArgumentException("every entry of 'requiredAlerts' needs 'alert: NAME'");
      }
      List<Pattern> mentions = new ArrayList<>();
      for (String regex : p.strings("mentions", List.of())) {
        try {
          mentions.add(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "requiredAlerts " + alert + ": bad regex '" + regex + "': " + e.getDescription());
        }
      }
      required.add(new RequiredAlert(alert, mentions, p.string("purpose", alert)));
    }
    this.requiredAlerts = List.copyOf(required);
  }

  /** One alerting or recording rule and where it is. */
  private record Rule(Path file, int line, String alert, String expr) {}

  @Override
  public CheckResult run(CheckContext context) {
    Path dir = context.dir().resolve(rules);
    List<Path> files = ruleFiles(dir);
    List<Finding> findings = new ArrayList<>();
    if (files.isEmpty()) {
      findings.add(
          Finding.fail(
              Path.of(rules),
              0,
              "no Prometheus rule file (*.yml, *.yaml)",
              "commit the alert rules the guide asks for"));
      return CheckResult.of(findings, "");
    }
    List<Rule> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(read(context, file, findings));
    }
    knownMetrics(context, all, findings);
    requiredAlerts(all, findings);
    Optional<Path> tool = context.tool(promtool);
    if (tool.isEmpty()) {
      findings.add(
          Finding.warn(
              Path.of(rules),
              0,
              "skipped: promtool not found",
              "install it (Debian: apt-get install --no-install-recommends prometheus) so the rules are checked"));
    } else {
      for (Path file : files) {
        promtool(context, tool.get(), file, findings);
      }
    }
    return CheckResult.of(
        findings,
        files.size()
            + " rule files pass promtool check rules; "
            + requiredAlerts.size()
            + " required alerts present");
  }

  private static void promtool(CheckContext context, Path tool, Path file, List<Finding> findings) {
    Processes.Output out =
        Processes.run(
            context.dir(), List.of(tool.toString(), "check", "rules", file.toString()), 60);
    if (out.code() == 0) {
      return;
    }
    Path shown = context.relative(file);
    int before = findings.size();
    for (String line : (out.err() + "\n" + out.out()).split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.equals("FAILED:") || text.startsWith("Checking ")) {
        continue;
      }
      Matcher located = LOCATED.matcher(text);
      Matcher yamlLine = YAML_LINE.matcher(line);
      if (located.matches() && located.group(1).endsWith(file.getFileName().toString())) {
        findings.add(
            Finding.fail(
                shown,
                Integer.parseInt(located.group(2)),
                "promtool: " + located.group(4),
                "fix the rule"));
      } else if (yamlLine.matches()) {
        findings.add(
            Finding.fail(
                shown,
                Integer.parseInt(yamlLine.group(1)),
                "promtool: " + yamlLine.group(2),
                "fix the rule"));
      } else if (!text.endsWith("yaml: unmarshal errors:")) {
        findings.add(
            Finding.fail(
                shown,
                0,
                "promtool: " + text.replace(file.toString() + ": ", ""),
                "fix the rule file"));
      }
    }
    if (findings.size() == before) {
      findings.add(
          Finding.fail(
              shown,
              0,
              "promtool check rules exited " + out.code(),
              "run: promtool check rules " + shown));
    }
  }

  private static List<Rule> read(CheckContext context, Path file, List<Finding> findings) {
    Path shown = context.relative(file);
    Object doc;
    YamlPositions positions;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      positions = YamlPositions.of(file);
    } catch (MarkedYAMLException e) {
      findings.add(
          Finding.fail(
              shown,
              e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
              "not valid YAML: " + e.getProblem(),
              "fix the YAML"));
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Rule> out = new ArrayList<>();
    if (!(doc instanceof Map<?, ?> root) || !(root.get("groups") instanceof List<?> groups)) {
      findings.add(
          Finding.fail(
              shown,
              1,
              "not a Prometheus rule file: no 'groups:' list",
              "see the Prometheus recording/alerting rules format"));
      return out;
    }
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g) instanceof Map<?, ?> group && group.get("rules") instanceof List<?> items) {
        for (int r = 0; r < items.size(); r++) {
          if (items.get(r) instanceof Map<?, ?> rule) {
            Object name = rule.get("alert") != null ? rule.get("alert") : rule.get("record");
            out.add(
                new Rule(
                    shown,
                    positions.line("groups/" + g + "/rules/" + r),
                    String.valueOf(name),
                    String.valueOf(rule.get("expr"))));
          }
        }
      }
    }
    return out;
  }

  private static List<Path> ruleFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every metric a rule names is one a service exports (or another rule's alert). */
  private void knownMetrics(CheckContext context, List<Rule> all, List<Finding> findings) {
    Path catalogueFile = context.dir().resolve(catalogue);
    if (Files.isRegularFile(catalogueFile)) {
      MetricCatalogue metrics = MetricCatalogue.load(context.dir(), catalogueFile);
      for (Rule r : all) {
        for (String name : PromQl.metricNames(r.expr())) {
          if (!metrics.names().contains(name)
              && all.stream().noneMatch(o -> name.equals(o.alert()))) {
            findings.add(
                Finding.fail(
                    r.file(),
                    r.line(),
                    "rule '" + r.alert() + "' names metric '" + name + "' that no service exports",
                    "use a metric of " + catalogue));
          }
        }
      }
    }
  }

  /** The alerts the guide asks for exist and express what they are for. */
  private void requiredAlerts(List<Rule> all, List<Finding> findings) {
    for (RequiredAlert required : requiredAlerts) {
      Optional<Rule> rule =
          all.stream().filter(r -> required.alert().equals(r.alert())).findFirst();
      if (rule.isEmpty()) {
        findings.add(
            Finding.fail(
                Path.of(rules),
                0,
                "no alert '" + required.alert() + "' (" + required.purpose() + ")",
                "add it to a rule file under " + rules));
        continue;
      }
      for (Pattern mention : required.mentions()) {
        if (!mention.matcher(rule.get().expr()).find()) {
          findings.add(
              Finding.fail(
                  rule.get().file(),
                  rule.get().line(),
                  "alert '"
                      + required.alert()
                      + "' does not express "
                      + required.purpose()
                      + ": its expr lacks /"
                      + mention
                      + "/",
                  "write the expression the guide describes (" + required.purpose() + ")"));
        }
      }
    }
  }
}
