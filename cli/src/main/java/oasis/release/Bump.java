package oasis.release;

import java.util.Locale;
import org.semver4j.Semver;

/** How much a set of commits moves the version, from nothing to a new major. */
public enum Bump {
  NONE,
  PATCH,
  MINOR,
  MAJOR;

  /**
   * The bump named in {@code oasis.yaml}: {@code major}, {@code minor}, {@code patch}, {@code
   * none}.
   */
  public static Bump of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public Bump max(Bump other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * The next stable version after {@code base}; while {@code base} is 0.x a major bump moves the
   * minor unless {@code majorWhileZero}.
   */
  public Semver apply(Semver base, boolean majorWhileZero) {
    return switch (this) {
      case NONE -> base;
      case PATCH -> base.nextPatch();
      case MINOR -> base.nextMinor();
      case MAJOR -> base.getMajor() == 0 && !majorWhileZero ? base.nextMinor() : base.nextMajor();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
