package oasis.preflight.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import oasis.config.DeployWindow;
import oasis.config.YamlPositions;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import oasis.preflight.Release;

/**
 * Operations informed: a deploy window is recorded for the target environment (in the release
 * manifest's {@code deployWindow}, else the environment's in {@code oasis.yaml}) and now is inside
 * it.
 */
public final class DeployWindowCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of();
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");

  public DeployWindowCheck(Params params) {}

  @Override
  public CheckResult run(CheckContext context) {
    DeployWindow window = null;
    Path file = null;
    int line = 0;
    if (context.release().isPresent()) {
      Release release = context.release().get();
      JsonNode node = release.root().path("deployWindow");
      String at = "deployWindow";
      if (node.isObject() && !node.has("start") && node.has(context.environment())) {
        node = node.path(context.environment());
        at = "deployWindow/" + context.environment();
      }
      if (node.isObject() && node.has("start")) {
        List<String> days = new ArrayList<>();
        node.path("days").forEach(d -> days.add(d.asText()));
        window =
            new DeployWindow(
                days,
                node.path("start").asText(null),
                node.path("end").asText(null),
                node.path("zone").asText(null));
        file = context.relative(release.manifest());
        line = release.line(at);
      }
    }
    if (window == null && context.env().deployWindow() != null) {
      window = context.env().deployWindow();
      file = context.relative(context.project().file());
      try {
        line =
            YamlPositions.of(context.project().file())
                .line("environments/" + context.environment() + "/deployWindow");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + context.project().file(), e);
      }
    }
    if (window == null) {
      return CheckResult.of(
          List.of(
              Finding.fail(
                  context.relative(context.project().file()),
                  0,
                  "no deploy window recorded for " + context.environment(),
                  "add 'deployWindow: {days: [MON, TUE, WED, THU], start: \"08:00\", end: \"16:00\", zone: Europe/London}'"
                      + " to environments."
                      + context.environment()
                      + " (or to the release manifest)")),
          "");
    }
    List<String> problems = window.problems();
    if (!problems.isEmpty()) {
      Path shown = file;
      int at = line;
      return CheckResult.of(
          problems.stream()
              .map(p -> Finding.fail(shown, at, "deploy window: " + p, "fix the window"))
              .toList(),
          "");
    }
    Instant now = context.clock().instant();
    String local = SHOWN.format(now.atZone(ZoneId.of(window.zone())));
    if (!window.contains(now)) {
      return CheckResult.of(
          List.of(
              Finding.fail(
                  file,
                  line,
                  "now ("
                      + local
                      + " "
                      + window.zone()
                      + ") is outside the deploy window "
                      + window.describe()
                      + " of "
                      + context.environment(),
                  "deploy inside the window, or agree a new window with operations and record it here")),
          "");
    }
    return CheckResult.pass(
        "now (" + local + ") is inside " + window.describe() + " (" + file + ":" + line + ")");
  }
}
