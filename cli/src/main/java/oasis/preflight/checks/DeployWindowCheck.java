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
import oasis.release.ReleaseDocument;

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
    Recorded recorded = fromRelease(context).orElseGet(() -> fromProject(context));
    DeployWindow window = recorded == null ? null : recorded.window();
    Path file = recorded == null ? null : recorded.file();
    int line = recorded == null ? 0 : recorded.line();
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

  /** A deploy window and where it is written. */
  private record Recorded(DeployWindow window, Path file, int line) {}

  /**
   * The release manifest's window: {@code deployWindow: {days, start, end, zone}}, or one per
   * environment under {@code deployWindow: {ENV: {...}}}.
   */
  private static java.util.Optional<Recorded> fromRelease(CheckContext context) {
    if (context.release().isEmpty()) {
      return java.util.Optional.empty();
    }
    ReleaseDocument release = context.release().get();
    JsonNode node = release.root().path("deployWindow");
    String at = "deployWindow";
    if (node.isObject() && !node.has("start") && node.has(context.environment())) {
      node = node.path(context.environment());
      at = "deployWindow/" + context.environment();
    }
    if (!node.isObject() || !node.has("start")) {
      return java.util.Optional.empty();
    }
    List<String> days = new ArrayList<>();
    node.path("days").forEach(d -> days.add(d.asText()));
    DeployWindow window =
        new DeployWindow(
            days,
            node.path("start").asText(null),
            node.path("end").asText(null),
            node.path("zone").asText(null));
    return java.util.Optional.of(
        new Recorded(window, context.relative(release.manifest()), release.line(at)));
  }

  /** The environment's window in oasis.yaml, or null when it has none. */
  private static Recorded fromProject(CheckContext context) {
    DeployWindow window = context.env().deployWindow();
    if (window == null) {
      return null;
    }
    try {
      int line =
          YamlPositions.of(context.project().file())
              .line("environments/" + context.environment() + "/deployWindow");
      return new Recorded(window, context.relative(context.project().file()), line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + context.project().file(), e);
    }
  }
}
