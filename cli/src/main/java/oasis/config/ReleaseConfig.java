package oasis.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How releases are versioned and described: the {@code release:} section of {@code oasis.yaml}.
 *
 * @param bumps commit type to the bump it causes ({@code major}, {@code minor}, {@code patch},
 *     {@code none}), merged over the defaults: feat minor; fix, perf, revert patch
 * @param breakingWhileZero what a major bump (a breaking change) does while the version is 0.x:
 *     {@code minor} (default) or {@code major}
 * @param notesTemplate the Mustache template of the release notes, relative to the project
 * @param rollbackSteps extra rollback steps written into every manifest's rollback plan
 */
public record ReleaseConfig(
    Map<String, String> bumps,
    String breakingWhileZero,
    String notesTemplate,
    List<String> rollbackSteps) {

  public static final Map<String, String> DEFAULT_BUMPS =
      Map.of("feat", "minor", "fix", "patch", "perf", "patch", "revert", "patch");
  public static final String DEFAULT_TEMPLATE = "templates/release-notes.md.mustache";

  public ReleaseConfig {
    Map<String, String> merged = new LinkedHashMap<>(DEFAULT_BUMPS);
    if (bumps != null) {
      bumps.forEach((type, bump) -> merged.put(type.toLowerCase(Locale.ROOT), bump));
    }
    bumps = merged;
    breakingWhileZero = breakingWhileZero == null ? "minor" : breakingWhileZero;
    notesTemplate = notesTemplate == null ? DEFAULT_TEMPLATE : notesTemplate;
    rollbackSteps = rollbackSteps == null ? List.of() : List.copyOf(rollbackSteps);
  }

  /** The defaults, for a project without a {@code release:} section. */
  public static ReleaseConfig defaults() {
    return new ReleaseConfig(null, null, null, null);
  }
}
