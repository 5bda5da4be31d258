package oasis.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code oasis rollout report}: one self-contained HTML page (inline CSS and SVG, no script, no
 * network) of a rollout, readable when attached to a release ticket. The page is a Mustache
 * template (which escapes every value); the charts come from {@link SvgChart}.
 */
public final class HtmlReport {

  private static final String TEMPLATE = "oasis/console/rollout-report.html.mustache";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private HtmlReport() {}

  public static String render(RolloutFacts f, Instant generated, ZoneId zone) {
    Mustache page = new DefaultMustacheFactory().compile(TEMPLATE);
    StringWriter out = new StringWriter();
    page.execute(out, model(f, generated, zone));
    return out.toString();
  }

  private static Map<String, Object> model(RolloutFacts f, Instant generated, ZoneId zone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("f", f);
    m.put("generated", when(generated, zone));
    m.put("stateClass", f.state());
    List<Map<String, String>> facts = new ArrayList<>();
    fact(facts, "environment", f.environment());
    fact(facts, "revision", String.valueOf(f.revision()));
    fact(facts, "version", f.version());
    fact(facts, "commit", f.commit());
    fact(facts, "strategy", f.strategy() + " (new track: " + f.track() + ")");
    fact(facts, "components", String.join(", ", f.components()));
    f.overrides().forEach((k, v) -> fact(facts, "--set " + k, v));
    fact(facts, "started", when(f.startedAt(), zone));
    fact(facts, "new track ready", when(f.readyAt(), zone));
    fact(facts, "failed / abort asked", when(f.failedAt(), zone));
    fact(facts, "traffic back on stable", when(f.trafficBackAt(), zone));
    fact(facts, "finished", when(f.finishedAt(), zone));
    fact(facts, "succeeded".equals(f.state()) ? "promoted by" : "aborted by", f.finishedBy());
    fact(facts, "how it ended / why it waits", f.message());
    fact(facts, "ledger's reason", f.reason());
    m.put("facts", facts);
    m.put(
        "decisions",
        f.decisions().stream()
            .map(
                d ->
                    Map.of(
                        "at", when(d.at(), zone),
                        "step", String.valueOf(d.step()),
                        "action", d.action(),
                        "by", d.by() == null ? "-" : d.by()))
            .toList());
    m.put("noDecisions", f.decisions().isEmpty());
    m.put("timeline", SvgChart.timeline(f.steps()));
    List<Map<String, Object>> charts = charts(f, zone);
    m.put("charts", charts);
    m.put("noCharts", charts.isEmpty());
    return m;
  }

  /** One chart per series: its title, what bounds it, and the chart itself. */
  private static List<Map<String, Object>> charts(RolloutFacts f, ZoneId zone) {
    List<Map<String, Object>> charts = new ArrayList<>();
    for (RolloutFacts.Series s : f.series()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("title", s.condition() + " of " + s.component());
      c.put(
          "boundary",
          (s.max() != null
                  ? "ceiling " + RolloutScreen.number(s.max())
                  : s.overStable() != null
                      ? "fails when significantly more than "
                          + RolloutScreen.number(s.overStable())
                          + " above stable's share of slow calls"
                      : "no ceiling")
              + ", at most "
              + RolloutScreen.number(s.maxDelta())
              + " worse than stable"
              + (s.crossedAt() == null
                  ? "; never crossed"
                  : "; first failed at " + when(s.crossedAt(), zone)));
      c.put("svg", SvgChart.series(s));
      charts.add(c);
    }
    return charts;
  }

  private static void fact(List<Map<String, String>> facts, String name, String value) {
    if (value != null && !value.isBlank()) {
      facts.add(Map.of("name", name, "value", value));
    }
  }

  private static String when(Instant at, ZoneId zone) {
    return at == null ? null : WHEN.format(at.atZone(zone));
  }
}
