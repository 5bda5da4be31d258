package oasis.preflight;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version {@code X.Y.Z[-pre]}, ordered by semantic-versioning precedence. */
public record Version(int major, int minor, int patch, String pre) implements Comparable<Version> {

  private static final Pattern SEMVER =
      Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?");

  /** Parses {@code 1.2.3} or {@code v1.2.3-rc.1}; null when it is not a version. */
  public static Version parse(String text) {
    Matcher m = text == null ? null : SEMVER.matcher(text.strip());
    if (m == null || !m.matches()) {
      return null;
    }
    return new Version(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        m.group(4));
  }

  @Override
  public int compareTo(Version o) {
    int c = Integer.compare(major, o.major);
    c = c != 0 ? c : Integer.compare(minor, o.minor);
    c = c != 0 ? c : Integer.compare(patch, o.patch);
    if (c != 0 || java.util.Objects.equals(pre, o.pre)) {
      return c;
    }
    if (pre == null || o.pre == null) {
      return pre == null ? 1 : -1;
    }
    return pre.compareTo(o.pre);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre);
  }

  /** The tag and file stem: {@code v1.2.3}. */
  public String tag() {
    return "v" + this;
  }
}
