package oasis.release;

import java.util.Comparator;
import java.util.Optional;
import oasis.core.OasisException;
import org.semver4j.Semver;

/**
 * Semantic versions (semver4j) of release tags: parsing with an optional {@code v} prefix, and
 * SemVer 2.0.0 precedence (build metadata ignored, numeric prerelease identifiers compared
 * numerically).
 */
public final class SemVersions {

  /** SemVer 2.0.0 precedence; semver4j already ignores build metadata when comparing. */
  public static final Comparator<Semver> PRECEDENCE = Semver::compareTo;

  private static final String PRE_ID = "[0-9A-Za-z-]+";

  private SemVersions() {}

  /** The version a tag name stands for ({@code v1.2.3} or {@code 1.2.3}), if it is one. */
  public static Optional<Semver> parseTag(String name) {
    String text = name.startsWith("v") ? name.substring(1) : name;
    if (text.isEmpty() || !Character.isDigit(text.charAt(0)) || !text.equals(text.strip())) {
      return Optional.empty();
    }
    return Optional.ofNullable(Semver.parse(text));
  }

  /** A version given on the command line or in a footer; malformed input exits 2. */
  public static Semver parse(String text, String where) {
    return parseTag(text.strip())
        .orElseThrow(
            () ->
                OasisException.badInput(
                    "malformed version '" + text + "' in " + where,
                    "Give a semantic version such as 1.4.0, 2.0.0-rc.1 or v1.4.0."));
  }

  /** Checks a prerelease identifier such as {@code rc} or {@code beta}; bad ones exit 2. */
  public static String checkPreId(String id) {
    if (id == null || !id.matches(PRE_ID) || id.matches("[0-9]+")) {
      throw OasisException.badInput(
          "malformed prerelease identifier '" + id + "' in --pre",
          "Use letters, digits and '-', not only digits, such as rc, beta or alpha.");
    }
    return id;
  }

  /** The tag name of a version: {@code v1.2.3}. */
  public static String tag(Semver version) {
    return "v" + version.getVersion();
  }

  /** Whether two versions have equal precedence (build metadata ignored). */
  public static boolean samePrecedence(Semver a, Semver b) {
    return PRECEDENCE.compare(a, b) == 0;
  }
}
