package oasis.preflight.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;

/**
 * Grafana dashboards valid: every {@code *.json} under the dashboards directory parses, has a title
 * and panels, and every query ({@code expr}) names only metrics of the catalogue; the dashboards
 * the operations guide asks for exist (by title).
 */
public final class DashboardsCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("dashboards", "catalogue", "required");
  private static final JsonFactory JSON = new JsonFactory();

  private final String dashboards;
  private final String catalogue;
  private final List<String> required;

  public DashboardsCheck(Params params) {
    this.dashboards = params.string("dashboards", "templates/observability");
    this.catalogue = params.string("catalogue", "templates/observability/metrics.yaml");
    this.required = params.strings("required", List.of());
  }

  @Override
  public CheckResult run(CheckContext context) {
    Path dir = context.dir().resolve(dashboards);
    Path catalogueFile = context.dir().resolve(catalogue);
    List<Finding> findings = new ArrayList<>();
    if (!Files.isRegularFile(catalogueFile)) {
      findings.add(
          Finding.fail(
              Path.of(catalogue),
              0,
              "no metric catalogue",
              "list the metrics the services export in " + catalogue));
      return CheckResult.of(findings, "");
    }
    MetricCatalogue metrics = MetricCatalogue.load(context.dir(), catalogueFile);
    List<Path> files = jsonFiles(dir);
    if (files.isEmpty()) {
      findings.add(
          Finding.fail(
              Path.of(dashboards),
              0,
              "no Grafana dashboard (*.json)",
              "commit the dashboards the guide asks for"));
    }
    Set<String> titles = new LinkedHashSet<>();
    int queries = 0;
    for (Path file : files) {
      queries += dashboard(context, file, metrics, titles, findings);
    }
    for (String title : required) {
      if (!titles.contains(title)) {
        findings.add(
            Finding.fail(
                Path.of(dashboards),
                0,
                "no dashboard titled '" + title + "' (the operations guide asks for it)",
                "add a dashboard with \"title\": \"" + title + "\""));
      }
    }
    return CheckResult.of(
        findings,
        files.size() + " dashboards, " + queries + " queries, every metric in " + catalogue);
  }

  private int dashboard(
      CheckContext context,
      Path file,
      MetricCatalogue metrics,
      Set<String> titles,
      List<Finding> findings) {
    Path shown = context.relative(file);
    int queries = 0;
    boolean panels = false;
    String title = null;
    Deque<String> fields = new ArrayDeque<>();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        findings.add(
            Finding.fail(
                shown,
                1,
                "a dashboard must be a JSON object",
                "export it from Grafana (Share > Export)"));
        return 0;
      }
      String field = null;
      for (JsonToken t = first; t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            fields.push(field == null ? "" : field);
            field = null;
          }
          case END_OBJECT, END_ARRAY -> {
            fields.pop();
            field = null;
          }
          case FIELD_NAME -> field = p.currentName();
          default -> {
            if (fields.size() == 1 && "title".equals(field)) {
              title = p.getText();
            }
            if ("expr".equals(field) && t == JsonToken.VALUE_STRING) {
              queries++;
              int line = p.currentTokenLocation().getLineNr();
              queryMetrics(shown, line, p.getText(), metrics, findings);
            }
            field = null;
          }
        }
        if (t == JsonToken.START_ARRAY && fields.size() == 2 && "panels".equals(fields.peek())) {
          panels = true;
        }
      }
    } catch (JsonParseException e) {
      findings.add(invalidJson(shown, e));
      return queries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    titleAndPanels(shown, title, panels, titles, findings);
    return queries;
  }

  private static Finding invalidJson(Path shown, JsonParseException e) {
    return Finding.fail(
        shown,
        e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
        "not valid JSON: " + e.getOriginalMessage(),
        "fix the JSON (or export the dashboard again)");
  }

  /** Every metric a panel's query names is one a service exports. */
  private void queryMetrics(
      Path shown, int line, String query, MetricCatalogue metrics, List<Finding> findings) {
    for (String name : PromQl.metricNames(query)) {
      if (!metrics.names().contains(name)) {
        findings.add(
            Finding.fail(
                shown,
                line,
                "the query names metric '" + name + "' that no service exports",
                "use a metric of " + catalogue + ", or add it there once a service exports it"));
      }
    }
  }

  /** A dashboard has a title (collected for the required ones) and panels. */
  private static void titleAndPanels(
      Path shown, String title, boolean panels, Set<String> titles, List<Finding> findings) {
    if (title == null || title.isBlank()) {
      findings.add(Finding.fail(shown, 1, "the dashboard has no title", "set \"title\""));
    } else {
      titles.add(title);
    }
    if (!panels) {
      findings.add(Finding.fail(shown, 1, "the dashboard has no panels", "add \"panels\": [...]"));
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
